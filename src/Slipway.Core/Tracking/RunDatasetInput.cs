namespace Slipway.Core.Tracking;

public sealed class RunDatasetInput
{
    public required string RunId { get; set; }

    public long DatasetId { get; set; }
}
