namespace Slipway.Core.Tracking.Runs;

/// <summary>A run with everything that the APIs return about it.</summary>
public sealed record RunView(
    Run Run,
    IReadOnlyList<LatestMetric> Metrics,
    IReadOnlyList<RunParam> Params,
    IReadOnlyList<RunTag> Tags,
    IReadOnlyList<DatasetInputView> DatasetInputs,
    IReadOnlyList<RunModelLink> ModelLinks);

/// <summary>A dataset as one run used it, with the tags of that use.</summary>
public sealed record DatasetInputView(Dataset Dataset, IReadOnlyList<KeyValue> Tags);
