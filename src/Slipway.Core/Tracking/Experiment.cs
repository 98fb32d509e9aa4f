using Slipway.Core.Governance;

namespace Slipway.Core.Tracking;

public sealed class Experiment
{
    public const long DefaultId = 0;
    public const string DefaultName = "Default";

    public long Id { get; set; }

    public long WorkspaceId { get; set; } = Workspace.DefaultId;

    public required string Name { get; set; }

    public required string ArtifactLocation { get; set; }

    public string LifecycleStage { get; set; } = Tracking.LifecycleStage.Active;

    public long CreationTime { get; set; }

    public long LastUpdateTime { get; set; }

    public List<ExperimentTag> Tags { get; set; } = [];
}
