namespace Slipway.Core.Governance.Access;

/// <summary>
/// One line of a role: either a permission level on a resource type and pattern (<c>*</c> or one id), or a
/// capability (<see cref="Capabilities"/>) such as <c>approve</c> or <c>audit:read</c>.
/// </summary>
public sealed class RolePermission
{
    public long Id { get; set; }

    public long RoleId { get; set; }

    /// <summary>A <see cref="ResourceTypes"/> value or <c>*</c>.</summary>
    public string ResourceType { get; set; } = ResourceTypes.Any;

    /// <summary><c>*</c> or the id of one resource.</summary>
    public string ResourcePattern { get; set; } = ResourceTypes.Any;

    public Permission? Level { get; set; }

    public string? Capability { get; set; }
}
