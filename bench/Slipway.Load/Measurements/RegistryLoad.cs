using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Slipway.Load.Hosting;

namespace Slipway.Load.Measurements;

/// <summary>
/// Registry figures: model versions created per second through <c>model-versions/create</c> (each copies the source's
/// files into registry storage, hashes and inspects them, fills the model card and indexes the catalog) beside
/// <c>runs/create</c> from the same clients, and catalog search latency over the versions created, beside the bare
/// full-text query on the same index.
/// </summary>
internal static class RegistryLoad
{
    /// <summary>A word that appears in about one model description in twenty.</summary>
    public const string SearchWord = "churn";

    private static readonly string[] Topics = ["credit", "fraud", "demand", "pricing", "vision", "speech", "ranking", "forecast", "anomaly", "routing"];

    private static readonly Dictionary<string, string> ModelFiles = new(StringComparer.Ordinal)
    {
        ["MLmodel"] = "artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n  sklearn:\n    pickled_model: model.pkl\n    serialization_format: cloudpickle\nmlflow_version: 2.16.0\n",
        ["model.pkl"] = new string('x', 4096),
        ["requirements.txt"] = "mlflow==2.16.0\nscikit-learn==1.5.0\n",
    };

    /// <summary>Creates the models and one source run holding a small MLflow model directory; returns the run id.</summary>
    public static async Task<string> PrepareAsync(SlipwayApi api, HttpClient http, string experimentId, int models, CancellationToken cancellationToken)
    {
        var runId = await api.CreateRunAsync(experimentId, MetricBatches.BaseTimestamp, cancellationToken);
        foreach (var (path, content) in ModelFiles)
        {
            using var body = new StringContent(content, Encoding.UTF8);
            using var response = await http.PutAsync($"api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/model/{path}", body, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        for (var i = 0; i < models; i++)
        {
            var topic = Topics[i % Topics.Length];
            var description = i % 20 == 0 ? $"Predicts customer {SearchWord} for the {topic} team." : $"Scores {topic} events for team {i % 7}.";
            await PostAsync(http, "registered-models/create", new { name = ModelName(i), description, tags = new[] { new { key = "team", value = "team-" + (i % 7) } } }, cancellationToken);
        }

        return runId;
    }

    public static string ModelName(int index) => $"bench-{Topics[index % Topics.Length]}-{index:D4}";

    /// <summary>Creates <paramref name="versions"/> versions round-robin over the models from <paramref name="clients"/> clients.</summary>
    public static async Task<(int Versions, TimeSpan Elapsed)> CreateVersionsAsync(
        HttpClient http, string runId, int models, int versions, int clients, CancellationToken cancellationToken)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < versions)
            {
                await PostAsync(http, "model-versions/create", new { name = ModelName(i % models), source = $"runs:/{runId}/model", run_id = runId }, cancellationToken);
            }
        }, cancellationToken)));
        return (versions, watch.Elapsed);
    }

    /// <summary>The baseline: the same number of <c>runs/create</c> calls from the same clients.</summary>
    public static async Task<(int Runs, TimeSpan Elapsed)> CreateRunsAsync(SlipwayApi api, string experimentId, int runs, int clients, CancellationToken cancellationToken)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < runs)
            {
                await api.CreateRunAsync(experimentId, MetricBatches.BaseTimestamp, cancellationToken);
            }
        }, cancellationToken)));
        return (runs, watch.Elapsed);
    }

    /// <summary>Median latency of the first catalog page (20 hits, with total and facets) for <see cref="SearchWord"/>; and the hits.</summary>
    public static async Task<(double Milliseconds, int Hits, long Total)> SearchAsync(HttpClient http, int repeats, CancellationToken cancellationToken)
    {
        var hits = 0;
        long total = 0;
        var milliseconds = await Timing.MedianMillisecondsAsync(repeats, async () =>
        {
            using var response = await http.GetAsync($"api/v1/catalog/search?q={SearchWord}&limit=20", cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            hits = json.RootElement.GetProperty("items").GetArrayLength();
            total = json.RootElement.GetProperty("total").GetInt64();
        });
        return (milliseconds, hits, total);
    }

    /// <summary>The baseline: the bare ranked full-text query for the same first page, straight against the database's index.</summary>
    public static async Task<(double Milliseconds, int Hits)> RawSearchAsync(BenchDatabase database, DbConnection connection, int repeats, CancellationToken cancellationToken)
    {
        var sql = database.SingleWriter
            ? "SELECT e.registered_model_id, e.version, e.model_name FROM catalog_fts f JOIN catalog_entries e ON e.rowid = f.rowid "
              + "WHERE catalog_fts MATCH @q AND e.archived = 0 ORDER BY bm25(catalog_fts, 10.0, 4.0, 3.0, 1.0) LIMIT 20"
            : "SELECT e.registered_model_id, e.version, e.model_name FROM catalog_entries e "
              + "WHERE e.document @@ to_tsquery('english', @q) AND NOT e.archived ORDER BY ts_rank_cd(e.document, to_tsquery('english', @q)) DESC LIMIT 20";
        var hits = 0;
        var milliseconds = await Timing.MedianMillisecondsAsync(repeats, async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "q";
            parameter.Value = SearchWord;
            command.Parameters.Add(parameter);
            hits = 0;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits++;
            }
        });
        return (milliseconds, hits);
    }

    private static async Task PostAsync(HttpClient http, string rpc, object body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("api/2.0/mlflow/" + rpc, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{rpc} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
