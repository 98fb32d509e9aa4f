namespace Slipway.Contracts.Tracking;

/// <summary>A run with its latest metric values, params and tags. Times are epoch milliseconds.</summary>
public sealed record RunResponse(
    string Id,
    string Name,
    string ExperimentId,
    string? UserId,
    string Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri,
    string LifecycleStage,
    IReadOnlyDictionary<string, MetricPointResponse> Metrics,
    IReadOnlyDictionary<string, string> Params,
    IReadOnlyDictionary<string, string> Tags);
