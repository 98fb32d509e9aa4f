namespace Slipway.Core.Governance.Access;

/// <summary>A role with its permission lines and capabilities.</summary>
public sealed record RoleView(Role Role, IReadOnlyList<RolePermission> Lines);
