namespace Slipway.Core.Tracking;

public sealed class Run
{
    /// <summary>32 lower-case hex characters, as MLflow's <c>uuid4().hex</c>.</summary>
    public required string Id { get; set; }

    public long ExperimentId { get; set; }

    public required string Name { get; set; }

    public string? UserId { get; set; }

    public string Status { get; set; } = RunStatus.Running;

    public long StartTime { get; set; }

    public long? EndTime { get; set; }

    public string LifecycleStage { get; set; } = Tracking.LifecycleStage.Active;

    public required string ArtifactUri { get; set; }

    public long? DeletedTime { get; set; }
}
