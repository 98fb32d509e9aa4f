namespace Slipway.Contracts.Tracking;

/// <summary>An experiment. Times are epoch milliseconds; <see cref="LifecycleStage"/> is <c>active</c> or <c>deleted</c>.</summary>
public sealed record ExperimentResponse(
    string Id,
    string Name,
    string ArtifactLocation,
    string LifecycleStage,
    long CreationTime,
    long LastUpdateTime,
    IReadOnlyDictionary<string, string> Tags);
