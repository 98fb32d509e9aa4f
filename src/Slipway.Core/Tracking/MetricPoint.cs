namespace Slipway.Core.Tracking;

/// <summary>
/// One point of a metric's history. NaN is stored as value 0 with <see cref="IsNan"/> set, because SQLite turns a
/// NaN REAL into NULL; both databases then keep exactly the same rows.
/// </summary>
public sealed class MetricPoint
{
    public required string RunId { get; set; }

    public required string Key { get; set; }

    public double Value { get; set; }

    public bool IsNan { get; set; }

    public long Timestamp { get; set; }

    public long Step { get; set; }
}
