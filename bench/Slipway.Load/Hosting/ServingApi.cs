using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Slipway.Load.Hosting;

/// <summary>
/// The control-plane calls of the serving benchmark, with the admin token: register a model version from a file,
/// create a deployment and wait until every route is ready, and read the serving gauges from <c>/metrics</c>.
/// </summary>
internal sealed partial class ServingApi(HttpClient http)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Creates the registered model and uploads <paramref name="file"/> as its first version; returns the version number.</summary>
    public async Task<int> RegisterAsync(string model, string file, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Post, "api/2.0/mlflow/registered-models/create", SlipwayApi.Json(w => w.WriteString("name", model)), cancellationToken);
        using var content = new StreamContent(File.OpenRead(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var url = $"api/v1/models/{Uri.EscapeDataString(model)}/versions/upload?filename={Uri.EscapeDataString(Path.GetFileName(file))}";
        using var response = await http.PostAsync(url, content, cancellationToken);
        using var reply = await ReadAsync(response, $"upload of {Path.GetFileName(file)}", cancellationToken);
        var version = reply.RootElement.GetProperty("version");
        return version.ValueKind == JsonValueKind.Number ? version.GetInt32() : int.Parse(version.GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Creates a deployment with one primary route to <paramref name="model"/> version <paramref name="version"/>,
    /// batching up to <paramref name="maxBatchSize"/> rows, then polls it until every route is <c>ready</c>.
    /// Returns the time from sending the create to the first answer showing it ready: the cold start.
    /// </summary>
    public async Task<TimeSpan> DeployAsync(string name, string model, int version, int maxBatchSize, CancellationToken cancellationToken)
    {
        var spec = SlipwayApi.Json(w =>
        {
            w.WriteString("name", name);
            w.WriteStartArray("routes");
            w.WriteStartObject();
            w.WriteString("id", "main");
            w.WriteStartObject("target");
            w.WriteString("model", model);
            w.WriteNumber("version", version);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("batching");
            w.WriteNumber("max_batch_size", maxBatchSize);
            w.WriteEndObject();
        });
        var clock = Stopwatch.StartNew();
        using (await SendAsync(HttpMethod.Post, "api/v1/deployments", spec, cancellationToken))
        {
        }

        while (true)
        {
            using var reply = await SendAsync(HttpMethod.Get, $"api/v1/deployments/{Uri.EscapeDataString(name)}", null, cancellationToken);
            var routes = reply.RootElement.GetProperty("status").EnumerateArray().ToList();
            var states = routes.Select(r => r.GetProperty("state").GetString()).ToList();
            if (states.Count > 0 && states.All(s => s == "ready"))
            {
                return clock.Elapsed;
            }

            if (routes.FirstOrDefault(r => r.GetProperty("state").GetString() == "failed") is { ValueKind: JsonValueKind.Object } failed)
            {
                throw new InvalidOperationException($"Deployment '{name}' failed to load: {failed}");
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                throw new TimeoutException($"Deployment '{name}' was not ready within {ReadyTimeout.TotalSeconds:F0} s: {reply.RootElement}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// <c>slipway_model_memory_bytes</c> per model from <c>/metrics</c> (summed over its loaded versions), and
    /// <c>slipway_process_resident_memory_bytes</c>.
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, double> ModelBytes, double? ProcessBytes)> MemoryAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("metrics", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (new Dictionary<string, double>(), null);
        }

        var text = await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync(cancellationToken);
        var models = new Dictionary<string, double>(StringComparer.Ordinal);
        double? process = null;
        foreach (var line in text.Split('\n'))
        {
            if (ModelMemoryLine().Match(line) is { Success: true } model)
            {
                var name = model.Groups["model"].Value;
                models[name] = models.GetValueOrDefault(name) + double.Parse(model.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
            else if (ProcessMemoryLine().Match(line) is { Success: true } rss)
            {
                process = double.Parse(rss.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return (models, process);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, $"{method} {path}", cancellationToken);
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {(text.Length <= 500 ? text : text[..500] + "...")}");
        }

        return JsonDocument.Parse(text.Length == 0 ? "{}" : text);
    }

    [GeneratedRegex(@"^slipway_model_memory_bytes\{(?=[^}]*model=""(?<model>[^""]*)"")[^}]*\}\s+(?<value>[-+\d.eE]+)")]
    private static partial Regex ModelMemoryLine();

    [GeneratedRegex(@"^slipway_process_resident_memory_bytes(\{\})?\s+(?<value>[-+\d.eE]+)")]
    private static partial Regex ProcessMemoryLine();
}
