namespace Slipway.Core.Tracking;

/// <summary>A dataset as logged by <c>runs/log-inputs</c>: stored once per experiment by (name, digest).</summary>
public sealed class Dataset
{
    public long Id { get; set; }

    public long ExperimentId { get; set; }

    public required string Name { get; set; }

    public required string Digest { get; set; }

    public required string SourceType { get; set; }

    public required string Source { get; set; }

    public string? Schema { get; set; }

    public string? Profile { get; set; }
}
