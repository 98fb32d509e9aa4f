using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Slipway.Core.Tests.Registry.Storage;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving.Deployments;

/// <summary>Registers servable versions (the adult-census ONNX and ML.NET models) and calls <c>/api/v1/deployments</c>.</summary>
internal sealed class DeploymentTestApi(HttpClient client)
{
    public MlflowApi Mlflow { get; } = new(client);

    /// <summary>Creates <paramref name="model"/> with one version per format given, in order (version 1 = first).</summary>
    public async Task RegisterAsync(string model, params string[] formats)
    {
        await Mlflow.OkAsync("registered-models/create", new { name = model });
        foreach (var format in formats)
        {
            var (file, content) = format == "mlnet" ? (ModelPackages.MlnetFile, PackageContents.MlnetZip) : (ModelPackages.OnnxFile, PackageContents.Onnx);
            var uploaded = await TestPackages.UploadAsync(client, model, file, content);
            Assert.True(uploaded.Response.StatusCode == HttpStatusCode.Created, uploaded.Body.ToString());
        }
    }

    public Task SetAliasAsync(string model, string alias, int version) =>
        Mlflow.OkAsync("registered-models/alias", new { name = model, alias, version = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public Task<(HttpStatusCode Status, JsonElement Body)> CreateAsync(string body, string mediaType = "application/json") =>
        SendAsync(HttpMethod.Post, "api/v1/deployments", body, mediaType);

    public Task<(HttpStatusCode Status, JsonElement Body)> UpdateAsync(string name, string body, string mediaType = "application/json") =>
        SendAsync(HttpMethod.Put, "api/v1/deployments/" + Uri.EscapeDataString(name), body, mediaType);

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string name) => SendAsync(HttpMethod.Get, "api/v1/deployments/" + Uri.EscapeDataString(name));

    public Task<(HttpStatusCode Status, JsonElement Body)> ListAsync() => SendAsync(HttpMethod.Get, "api/v1/deployments");

    public Task<(HttpStatusCode Status, JsonElement Body)> DeleteAsync(string name) => SendAsync(HttpMethod.Delete, "api/v1/deployments/" + Uri.EscapeDataString(name));

    /// <summary>The (kind, reference) of each hold on a version.</summary>
    public async Task<List<(string Kind, string Reference)>> HoldsAsync(string model, int version)
    {
        var holds = await client.GetFromJsonAsync<JsonElement>($"api/v1/models/{Uri.EscapeDataString(model)}/versions/{version}/holds");
        return holds.EnumerateArray().Select(h => (h.GetProperty("kind").GetString()!, h.GetProperty("reference").GetString()!)).ToList();
    }

    public static string[] Names(JsonElement list) =>
        list.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("deployment").GetProperty("name").GetString()!).ToArray();

    public static void AssertRefused(string code, string? field, (HttpStatusCode Status, JsonElement Body) response)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest, $"expected 400 {code}, got {(int)response.Status}: {response.Body}");
        Assert.Equal(code, response.Body.GetProperty("code").GetString());
        if (field is not null)
        {
            Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _), $"expected errors[{field}]: {response.Body}");
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string uri, string? body = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, mediaType) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
