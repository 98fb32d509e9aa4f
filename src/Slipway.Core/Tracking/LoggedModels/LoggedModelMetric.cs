namespace Slipway.Core.Tracking.LoggedModels;

/// <summary>A metric point logged with a <c>model_id</c>; it also stays in its run's history.</summary>
public sealed class LoggedModelMetric
{
    public long Id { get; set; }

    public required string ModelId { get; set; }

    public required string RunId { get; set; }

    public required string Key { get; set; }

    public double Value { get; set; }

    public bool IsNan { get; set; }

    public long Timestamp { get; set; }

    public long Step { get; set; }

    public string? DatasetName { get; set; }

    public string? DatasetDigest { get; set; }
}
