namespace Slipway.Core.Tracking;

public sealed class ExperimentTag
{
    public long ExperimentId { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
