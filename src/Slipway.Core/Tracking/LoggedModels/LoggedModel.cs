namespace Slipway.Core.Tracking.LoggedModels;

/// <summary>An MLflow 3 logged model: <c>m-</c> + 32 hex, with its own artifact root.</summary>
public sealed class LoggedModel
{
    public required string Id { get; set; }

    public long ExperimentId { get; set; }

    public required string Name { get; set; }

    public required string ArtifactUri { get; set; }

    public string Status { get; set; } = LoggedModelStatus.Pending;

    public string? StatusMessage { get; set; }

    public long CreationTimestamp { get; set; }

    public long LastUpdatedTimestamp { get; set; }

    public string? ModelType { get; set; }

    public string? SourceRunId { get; set; }

    public string LifecycleStage { get; set; } = Tracking.LifecycleStage.Active;
}
