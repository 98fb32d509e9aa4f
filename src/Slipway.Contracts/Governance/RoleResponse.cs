namespace Slipway.Contracts.Governance;

/// <summary>A role. Built-in roles have no workspace and are read-only.</summary>
public sealed record RoleResponse(
    long Id, string Name, string? Description, bool Builtin, string? Workspace, IReadOnlyList<RolePermissionItem> Permissions, IReadOnlyList<string> Capabilities);
