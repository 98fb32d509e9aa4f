namespace Slipway.Core.Tracking;

/// <summary>A tag on one run's use of a dataset, such as <c>mlflow.data.context</c>.</summary>
public sealed class InputTag
{
    public required string RunId { get; set; }

    public long DatasetId { get; set; }

    public required string Key { get; set; }

    public required string Value { get; set; }
}
