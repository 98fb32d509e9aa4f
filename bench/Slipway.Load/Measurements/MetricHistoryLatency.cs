using System.Data.Common;
using Slipway.Load.Hosting;

namespace Slipway.Load.Measurements;

/// <summary>
/// One metric key's whole history from one run: <c>metrics/get-history</c> without max_results, against the
/// ordered SELECT of the same rows read straight from the database.
/// </summary>
internal static class MetricHistoryLatency
{
    public const string Key = "loss";

    /// <summary>Logs <paramref name="points"/> points of <see cref="Key"/> in batches of 1,000.</summary>
    public static async Task SeedAsync(SlipwayApi api, string runId, int points, CancellationToken cancellationToken)
    {
        for (var start = 0; start < points; start += MetricBatches.PointsPerBatch)
        {
            var end = Math.Min(points, start + MetricBatches.PointsPerBatch);
            var body = SlipwayApi.Json(w =>
            {
                w.WriteString("run_id", runId);
                w.WriteStartArray("metrics");
                for (var step = start; step < end; step++)
                {
                    w.WriteStartObject();
                    w.WriteString("key", Key);
                    w.WriteNumber("value", 1.0 / (1 + step));
                    w.WriteNumber("timestamp", MetricBatches.BaseTimestamp + step);
                    w.WriteNumber("step", step);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
            await api.LogBatchAsync(body, body.Length, cancellationToken);
        }
    }

    public static async Task<(double Milliseconds, int Points)> RestAsync(SlipwayApi api, string runId, int repeats, CancellationToken cancellationToken)
    {
        var points = 0;
        var milliseconds = await Timing.MedianMillisecondsAsync(repeats, async () => points = await api.GetMetricHistoryAsync(runId, Key, cancellationToken));
        return (milliseconds, points);
    }

    public static async Task<(double Milliseconds, int Points)> RawAsync(DbConnection connection, string runId, int repeats, CancellationToken cancellationToken)
    {
        var points = 0;
        var milliseconds = await Timing.MedianMillisecondsAsync(repeats, async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT key, value, is_nan, timestamp, step FROM metrics WHERE run_id = @run AND key = @key ORDER BY timestamp, step, is_nan, value";
            var run = command.CreateParameter();
            run.ParameterName = "run";
            run.Value = runId;
            command.Parameters.Add(run);
            var key = command.CreateParameter();
            key.ParameterName = "key";
            key.Value = Key;
            command.Parameters.Add(key);
            var rows = new List<(string Key, double Value, bool IsNan, long Timestamp, long Step)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetDouble(1), reader.GetBoolean(2), reader.GetInt64(3), reader.GetInt64(4)));
            }

            points = rows.Count;
        });
        return (milliseconds, points);
    }
}
