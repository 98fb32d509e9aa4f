using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Slipway.Load.Measurements;

/// <summary>
/// Log-batch bodies of 1,000 distinct points, serialized before the clock starts. Batch <c>b</c> holds steps
/// <c>b·100 … b·100+99</c> of keys <c>m0 … m9</c>; it is the same for every run, so one copy of the metrics
/// serves all clients and only the run id in front differs.
/// </summary>
internal sealed class MetricBatches
{
    public const int PointsPerBatch = 1000;
    public const int Keys = 10;
    public const int StepsPerBatch = PointsPerBatch / Keys;

    /// <summary>2026-01-01T00:00:00Z in epoch milliseconds; a point's timestamp is this plus its step.</summary>
    public const long BaseTimestamp = 1_767_225_600_000;

    private static readonly string[] KeyNames = [.. Enumerable.Range(0, Keys).Select(k => "m" + k)];

    private readonly byte[][] metrics;

    public MetricBatches(int count)
    {
        metrics = new byte[count][];
        Parallel.For(0, count, b => metrics[b] = SerializeMetrics(b));
        LongestBody = RunPrefix(new string('0', 32)).Length + metrics.Max(m => m.Length);
    }

    public int Count => metrics.Length;

    /// <summary>The size of a buffer that holds any body for a 32-character run id.</summary>
    public int LongestBody { get; }

    public static string Key(int index) => KeyNames[index % Keys];

    public static long Step(int batch, int index) => ((long)batch * StepsPerBatch) + (index / Keys);

    public static double Value(int batch, int index) => ((batch * 7919L) + (index * 104729L)) % 1_000_003 / 1_000_003.0;

    /// <summary>The text before the metrics: <c>{"run_id":"…",</c>.</summary>
    public static byte[] RunPrefix(string runId) => Encoding.UTF8.GetBytes($"{{\"run_id\":\"{runId}\",");

    /// <summary>Copies batch <paramref name="batch"/> after <paramref name="prefix"/> into <paramref name="buffer"/>; returns the length.</summary>
    public int Write(byte[] prefix, int batch, byte[] buffer)
    {
        var body = metrics[batch];
        prefix.CopyTo(buffer, 0);
        body.CopyTo(buffer, prefix.Length);
        return prefix.Length + body.Length;
    }

    /// <summary><c>"metrics":[…]}</c> without the opening brace, which <see cref="RunPrefix"/> supplies.</summary>
    private static byte[] SerializeMetrics(int batch)
    {
        var buffer = new ArrayBufferWriter<byte>(PointsPerBatch * 72);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("metrics");
            for (var i = 0; i < PointsPerBatch; i++)
            {
                var step = Step(batch, i);
                writer.WriteStartObject();
                writer.WriteString("key", Key(i));
                writer.WriteNumber("value", Value(batch, i));
                writer.WriteNumber("timestamp", BaseTimestamp + step);
                writer.WriteNumber("step", step);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan[1..].ToArray();
    }
}
