namespace Slipway.Core.Serving.Telemetry;

/// <summary>The prediction log's queue and writer (section <c>Serving:PredictionLog</c>); see docs/configuration.md.</summary>
public sealed class PredictionLogOptions
{
    public const string SectionName = "Serving:PredictionLog";

    /// <summary>
    /// Entries the in-memory queue holds before records are dropped. Above half of it, payloads (inputs, outputs,
    /// params) are dropped and the metadata kept. Default 10,000.
    /// </summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>
    /// Requests with more rows than this keep their metadata but not their payloads (counted as
    /// <c>kind="payload"</c>), so that the queue's memory stays bounded by about <see cref="Capacity"/> ÷ 2 ×
    /// this many rows. Default 1,000.
    /// </summary>
    public int MaxPayloadRows { get; set; } = 1_000;

    /// <summary>The most records one database insert takes. Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long the writer waits for a batch to fill after its first record. Default 200 ms.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Checks the section at start-up; each problem names its key.</summary>
    public static IEnumerable<(string Key, string Problem)> Validate(PredictionLogOptions options)
    {
        if (options.MaxPayloadRows is < 0 or > 100_000)
        {
            yield return ("Serving:PredictionLog:MaxPayloadRows", "must be from 0 to 100000");
        }

        if (options.Capacity is < 2 or > 10_000_000)
        {
            yield return ("Serving:PredictionLog:Capacity", "must be from 2 to 10000000");
        }

        if (options.BatchSize is < 1 or > 10_000)
        {
            yield return ("Serving:PredictionLog:BatchSize", "must be from 1 to 10000");
        }

        if (options.BatchWindow < TimeSpan.Zero || options.BatchWindow > TimeSpan.FromMinutes(1))
        {
            yield return ("Serving:PredictionLog:BatchWindow", "must be from 00:00:00 to 00:01:00");
        }
    }
}
