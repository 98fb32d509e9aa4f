namespace Slipway.Core.Tracking;

/// <summary>The latest point per (run, key): highest step, then timestamp, then value. Searches compare this.</summary>
public sealed class LatestMetric
{
    public required string RunId { get; set; }

    public required string Key { get; set; }

    public double Value { get; set; }

    public bool IsNan { get; set; }

    public long Timestamp { get; set; }

    public long Step { get; set; }
}
