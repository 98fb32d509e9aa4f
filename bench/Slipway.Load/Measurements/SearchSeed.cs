using System.Text.Json;
using Slipway.Load.Hosting;

namespace Slipway.Load.Measurements;

/// <summary>
/// Seeds runs for the search figures through the REST API: each run gets param <c>kind</c> ('a' or 'b'), metric
/// <c>acc</c> in [0, 1) and three tags. About a quarter match <c>metrics.acc &gt; 0.5 and params.kind = 'a'</c>.
/// </summary>
internal static class SearchSeed
{
    public static async Task SeedAsync(SlipwayApi api, string experimentId, int runs, int clients, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < runs)
            {
                var startTime = MetricBatches.BaseTimestamp + i;
                var runId = await api.CreateRunAsync(experimentId, startTime, cancellationToken);
                var body = Body(runId, i, startTime);
                await api.LogBatchAsync(body, body.Length, cancellationToken);
            }
        }, cancellationToken)));
    }

    private static byte[] Body(string runId, int index, long timestamp)
    {
        var random = new Random(index);
        return SlipwayApi.Json(w =>
        {
            w.WriteString("run_id", runId);
            w.WriteStartArray("params");
            Pair(w, "kind", random.Next(2) == 0 ? "a" : "b");
            Pair(w, "lr", "0.00" + random.Next(1, 10));
            w.WriteEndArray();
            w.WriteStartArray("metrics");
            w.WriteStartObject();
            w.WriteString("key", "acc");
            w.WriteNumber("value", random.NextDouble());
            w.WriteNumber("timestamp", timestamp);
            w.WriteNumber("step", 0);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("tags");
            Pair(w, "team", "team-" + (index % 7));
            Pair(w, "stage", "bench");
            Pair(w, "mlflow.runName", "run-" + index);
            w.WriteEndArray();
        });
    }

    private static void Pair(Utf8JsonWriter writer, string key, string value)
    {
        writer.WriteStartObject();
        writer.WriteString("key", key);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }
}
