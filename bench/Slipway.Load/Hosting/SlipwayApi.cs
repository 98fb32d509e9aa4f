using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Slipway.Load.Hosting;

/// <summary>
/// The MLflow REST calls the benchmark makes, over one pooled <see cref="SocketsHttpHandler"/> with the admin
/// token. Request bodies are written once with <see cref="Utf8JsonWriter"/> and sent as bytes.
/// </summary>
internal sealed class SlipwayApi : IDisposable
{
    private const string Prefix = "api/2.0/mlflow/";

    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient client;

    public SlipwayApi(Uri baseAddress, string adminToken)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            UseProxy = false,
        };
        client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
    }

    /// <summary>The pooled client with the admin token, for calls this class does not wrap.</summary>
    public HttpClient Http => client;

    public static async Task<string> ReadAdminTokenAsync(string dataDir, CancellationToken cancellationToken) =>
        (await File.ReadAllTextAsync(Path.Combine(dataDir, "initial-admin-token"), cancellationToken)).Trim();

    public async Task<string> CreateExperimentAsync(string name, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteString("name", name);
        });
        using var reply = await PostAsync("experiments/create", body, cancellationToken);
        return reply.RootElement.GetProperty("experiment_id").GetString()!;
    }

    public async Task<string> CreateRunAsync(string experimentId, long startTime, CancellationToken cancellationToken)
    {
        var body = Json(w =>
        {
            w.WriteString("experiment_id", experimentId);
            w.WriteNumber("start_time", startTime);
        });
        using var reply = await PostAsync("runs/create", body, cancellationToken);
        return reply.RootElement.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
    }

    /// <summary>Posts a pre-serialized log-batch body; the reply (<c>{}</c>) is only checked for success.</summary>
    public async Task LogBatchAsync(byte[] body, int length, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body, 0, length);
        content.Headers.ContentType = JsonType;
        using var response = await client.PostAsync(Prefix + "runs/log-batch", content, cancellationToken);
        await EnsureSuccessAsync(response, "runs/log-batch", cancellationToken);
    }

    /// <summary>One runs/search page: how many runs it held and the token of the next page, if any.</summary>
    public async Task<(int Runs, string? NextPageToken)> SearchRunsAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var reply = await PostAsync("runs/search", body, cancellationToken);
        var root = reply.RootElement;
        var runs = root.TryGetProperty("runs", out var list) ? list.GetArrayLength() : 0;
        var next = root.TryGetProperty("next_page_token", out var token) ? token.GetString() : null;
        return (runs, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>A whole metric history (no max_results); returns the number of points.</summary>
    public async Task<int> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken)
    {
        var uri = $"{Prefix}metrics/get-history?run_id={Uri.EscapeDataString(runId)}&metric_key={Uri.EscapeDataString(key)}";
        using var response = await client.GetAsync(uri, cancellationToken);
        await EnsureSuccessAsync(response, "metrics/get-history", cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reply = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return reply.RootElement.TryGetProperty("metrics", out var metrics) ? metrics.GetArrayLength() : 0;
    }

    /// <summary>A few light calls that touch routing, authentication, the database and JSON, as a client would.</summary>
    public async Task WarmAsync(string experimentId, CancellationToken cancellationToken)
    {
        var runId = await CreateRunAsync(experimentId, 0, cancellationToken);
        var body = Json(w =>
        {
            w.WriteString("run_id", runId);
            w.WriteStartArray("params");
            w.WriteStartObject();
            w.WriteString("key", "warm");
            w.WriteString("value", "yes");
            w.WriteEndObject();
            w.WriteEndArray();
        });
        await LogBatchAsync(body, body.Length, cancellationToken);
        await SearchRunsAsync(Json(w => w.WriteString("filter", "params.warm = 'yes'")), cancellationToken);
    }

    public void Dispose() => client.Dispose();

    /// <summary>A JSON object written by <paramref name="write"/> between its braces.</summary>
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private async Task<JsonDocument> PostAsync(string rpc, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        using var response = await client.PostAsync(Prefix + rpc, content, cancellationToken);
        await EnsureSuccessAsync(response, rpc, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string rpc, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{rpc} answered {(int)response.StatusCode}: {Shorten(text)}");
        }
    }

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500] + "...";
}
