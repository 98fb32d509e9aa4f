using System.Net;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Lifecycle;

/// <summary>Raw HTTP calls to the lifecycle API and the MLflow registry RPCs the lifecycle tests need.</summary>
internal sealed class LifecycleApi(HttpClient client)
{
    public MlflowApi Mlflow { get; } = new(client);

    public async Task CreateModelAsync(string name, int versions)
    {
        await Mlflow.OkAsync("registered-models/create", new { name });
        for (var i = 0; i < versions; i++)
        {
            // A version is registered from files: log a small MLflow model where the source points first.
            await Mlflow.PutArtifactsAsync($"models/{name}/{i + 1}");
            await Mlflow.OkAsync("model-versions/create", new { name, source = $"mlflow-artifacts:/models/{name}/{i + 1}" });
        }
    }

    public Task SetAliasAsync(string name, string alias, int version) =>
        Mlflow.OkAsync("registered-models/alias", new { name, alias, version = version.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task<JsonElement> MlflowVersionAsync(string name, int version) =>
        (await Mlflow.GetOkAsync($"model-versions/get?name={Uri.EscapeDataString(name)}&version={version}")).GetProperty("model_version");

    public Task<(HttpStatusCode Status, JsonElement Body)> ArchiveAsync(string name, int version, string? reason = null) =>
        SendAsync(HttpMethod.Post, $"{Model(name)}/versions/{version}/archive", reason is null ? null : new { reason });

    public Task<(HttpStatusCode Status, JsonElement Body)> RestoreAsync(string name, int version) =>
        SendAsync(HttpMethod.Post, $"{Model(name)}/versions/{version}/restore");

    public Task<(HttpStatusCode Status, JsonElement Body)> HoldAsync(string name, int version, string reference, string? reason = null) =>
        SendAsync(HttpMethod.Post, $"{Model(name)}/versions/{version}/holds", new { reference, reason });

    public Task<(HttpStatusCode Status, JsonElement Body)> UnholdAsync(string name, int version, string kind, string reference) =>
        SendAsync(HttpMethod.Delete, $"{Model(name)}/versions/{version}/holds/{kind}/{Uri.EscapeDataString(reference)}");

    public Task<(HttpStatusCode Status, JsonElement Body)> HoldsAsync(string name, int version) =>
        SendAsync(HttpMethod.Get, $"{Model(name)}/versions/{version}/holds");

    public Task<(HttpStatusCode Status, JsonElement Body)> SetPolicyAsync(string name, object policy) =>
        SendAsync(HttpMethod.Put, $"{Model(name)}/retention", policy);

    public Task<(HttpStatusCode Status, JsonElement Body)> PolicyAsync(string name) => SendAsync(HttpMethod.Get, $"{Model(name)}/retention");

    public Task<(HttpStatusCode Status, JsonElement Body)> RunAsync(string name, bool dryRun) =>
        SendAsync(HttpMethod.Post, $"{Model(name)}/retention/run?dry_run={(dryRun ? "true" : "false")}");

    public Task<(HttpStatusCode Status, JsonElement Body)> VersionHistoryAsync(string name, int version, string query = "") =>
        SendAsync(HttpMethod.Get, $"{Model(name)}/versions/{version}/history{query}");

    public Task<(HttpStatusCode Status, JsonElement Body)> ModelHistoryAsync(string name, string query = "") =>
        SendAsync(HttpMethod.Get, $"{Model(name)}/history{query}");

    public async Task<JsonElement> OkAsync(Task<(HttpStatusCode Status, JsonElement Body)> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, body) = await call;
        Assert.True(status == expected, $"expected {(int)expected}, got {(int)status}: {body}");
        return body;
    }

    /// <summary>Asserts a problem-details answer with the status and code, and returns its detail.</summary>
    public static string AssertProblem(HttpStatusCode expected, string code, (HttpStatusCode Status, JsonElement Body) response)
    {
        Assert.True(response.Status == expected, $"expected {(int)expected}, got {(int)response.Status}: {response.Body}");
        Assert.Equal(code, response.Body.GetProperty("code").GetString());
        return response.Body.GetProperty("detail").GetString()!;
    }

    public static int[] Versions(JsonElement items) => items.EnumerateArray().Select(i => i.GetProperty("version").GetInt32()).ToArray();

    private static string Model(string name) => "api/v1/models/" + Uri.EscapeDataString(name);

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string uri, object? body = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
