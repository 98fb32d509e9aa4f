namespace Slipway.Core.Governance.Access;

/// <summary>
/// A named set of permissions and capabilities. Built-in roles have no workspace and apply in every workspace they
/// are bound in; custom roles belong to one workspace (governance.md §8.1).
/// </summary>
public sealed class Role
{
    public const int NameLength = 100;

    public long Id { get; set; }

    public long? WorkspaceId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public bool IsBuiltin { get; set; }

    public long CreatedAt { get; set; }
}
