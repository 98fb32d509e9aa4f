using Slipway.Core.Governance;

namespace Slipway.Core.Registry;

public sealed class RegisteredModel
{
    public long Id { get; set; }

    public long WorkspaceId { get; set; } = Workspace.DefaultId;

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public long CreationTimestamp { get; set; }

    public long LastUpdatedTimestamp { get; set; }

    /// <summary>The number the next version gets; it only grows, so a deleted version's number is never reused.</summary>
    public int NextVersion { get; set; } = 1;

    public List<RegisteredModelTag> Tags { get; set; } = [];

    public List<RegisteredModelAlias> Aliases { get; set; } = [];
}
