using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Slipway.Tests;

/// <summary>Raw HTTP calls to the MLflow wire API, returning the status and the parsed JSON body.</summary>
public sealed class MlflowApi(HttpClient client)
{
    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string rpc, object body) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/2.0/mlflow/" + rpc) { Content = JsonContent.Create(body) });

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostRawAsync(string rpc, string body, string? contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/2.0/mlflow/" + rpc) { Content = content });
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string rpcWithQuery) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/2.0/mlflow/" + rpcWithQuery));

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return (response.StatusCode, body);
        }
    }

    /// <summary>Posts and asserts a 200, returning the body.</summary>
    public async Task<JsonElement> OkAsync(string rpc, object body)
    {
        var (status, json) = await PostAsync(rpc, body);
        Assert.True(status == HttpStatusCode.OK, $"{rpc} answered {(int)status}: {json}");
        return json;
    }

    public async Task<JsonElement> GetOkAsync(string rpcWithQuery)
    {
        var (status, json) = await GetAsync(rpcWithQuery);
        Assert.True(status == HttpStatusCode.OK, $"{rpcWithQuery} answered {(int)status}: {json}");
        return json;
    }

    public async Task<string> CreateExperimentAsync(string? name = null) =>
        (await OkAsync("experiments/create", new { name = name ?? "exp-" + Guid.NewGuid().ToString("N") })).GetProperty("experiment_id").GetString()!;

    public async Task<string> CreateRunAsync(string experimentId = "0", object? tags = null) =>
        (await OkAsync("runs/create", new { experiment_id = experimentId, start_time = 1000, tags = tags ?? Array.Empty<object>() }))
            .GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;

    /// <summary>
    /// Uploads files through the artifact proxy under <paramref name="root"/> (e.g. <c>0/&lt;run&gt;/artifacts/model</c>);
    /// by default a small MLflow model directory, since a version can only be registered from files.
    /// </summary>
    public async Task PutArtifactsAsync(string root, IReadOnlyDictionary<string, byte[]>? files = null)
    {
        files ??= new Dictionary<string, byte[]>
        {
            ["MLmodel"] = Encoding.UTF8.GetBytes("artifact_path: model\nflavors:\n  python_function:\n    loader_module: test\n"),
            ["data/weights.bin"] = [1, 2, 3, 4, 5, 6, 7, 8],
        };
        foreach (var (path, bytes) in files)
        {
            using var response = await client.PutAsync($"api/2.0/mlflow-artifacts/artifacts/{root}/{path}", new ByteArrayContent(bytes));
            Assert.True(response.IsSuccessStatusCode, $"PUT {root}/{path} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Logs a small MLflow model directory as the run's artifacts under <paramref name="path"/>.</summary>
    public Task LogModelFilesAsync(string runId, string path = "model", string experimentId = "0", IReadOnlyDictionary<string, byte[]>? files = null) =>
        PutArtifactsAsync($"{experimentId}/{runId}/artifacts/{path}", files);

    public static void AssertError(HttpStatusCode expectedStatus, string expectedCode, (HttpStatusCode Status, JsonElement Body) response)
    {
        Assert.True(response.Status == expectedStatus, $"expected {(int)expectedStatus}, got {(int)response.Status}: {response.Body}");
        Assert.Equal(expectedCode, response.Body.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(response.Body.GetProperty("message").GetString()));
    }
}
