using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Catalog;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Catalog;

/// <summary>Raw HTTP calls to the native /api/v1 registry, returning the status and the parsed body.</summary>
internal sealed class NativeApi(SlipwayTestServer server)
{
    public MlflowApi Mlflow { get; } = new(server.Client);

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "api/v1/" + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, json) = await SendAsync(method, path, body);
        Assert.True(status == expected, $"{method} {path} answered {(int)status}: {json}");
        return json;
    }

    public Task<JsonElement> GetAsync(string path) => OkAsync(HttpMethod.Get, path);

    public static void AssertProblem(HttpStatusCode expected, string code, (HttpStatusCode Status, JsonElement Body) response)
    {
        Assert.True(response.Status == expected, $"expected {(int)expected}, got {(int)response.Status}: {response.Body}");
        Assert.Equal(code, response.Body.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(response.Body.GetProperty("detail").GetString()));
    }

    public async Task CreateModelAsync(string name, string? description = null, object? tags = null) =>
        await OkAsync(HttpMethod.Post, "models", new { name, description, tags }, HttpStatusCode.Created);

    /// <summary>A run with the given metrics, registered as a new version of <paramref name="name"/>; returns the version number.</summary>
    public async Task<int> RegisterFromRunAsync(string name, IReadOnlyDictionary<string, double>? metrics = null, string? description = null, object? tags = null)
    {
        var runId = await Mlflow.CreateRunAsync();
        await Mlflow.LogModelFilesAsync(runId);
        if (metrics is { Count: > 0 })
        {
            await Mlflow.OkAsync("runs/log-batch", new { run_id = runId, metrics = metrics.Select(m => new { key = m.Key, value = m.Value, timestamp = 1, step = 0 }).ToArray() });
        }

        var created = await OkAsync(HttpMethod.Post, $"models/{Uri.EscapeDataString(name)}/versions/register",
            new { source = $"runs:/{runId}/model", run_id = runId, description, tags }, HttpStatusCode.Created);
        return created.GetProperty("version").GetInt32();
    }

    /// <summary>Sets what an upload or import would set (flavor, origin), then refreshes the catalog rows as the event log would.</summary>
    public async Task SetPackageAsync(string name, int version, string? flavor, string origin)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var id = await db.RegisteredModels.Where(m => m.Name == name).Select(m => m.Id).SingleAsync();
        await db.ModelVersions.Where(v => v.RegisteredModelId == id && v.Version == version)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Flavor, flavor).SetProperty(v => v.Origin, origin));
        await scope.ServiceProvider.GetRequiredService<CatalogIndexer>().RefreshAsync(id, version, CancellationToken.None);
    }

    public async Task<JsonElement> SearchAsync(string query) => await GetAsync("catalog/search?" + query);

    public static IEnumerable<(string Name, int Version)> Hits(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(h => (h.GetProperty("name").GetString()!, h.GetProperty("version").GetInt32()));

    public static Dictionary<string, long> Facet(JsonElement page, string facet) =>
        page.GetProperty("facets").TryGetProperty(facet, out var counts)
            ? counts.EnumerateArray().ToDictionary(c => c.GetProperty("value").GetString()!, c => c.GetProperty("count").GetInt64())
            : [];
}
