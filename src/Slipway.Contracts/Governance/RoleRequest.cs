namespace Slipway.Contracts.Governance;

/// <summary>
/// A custom role: its permissions and capabilities (approve, waive_gate, audit:read, audit:export, download_artifacts,
/// manage_tokens, manage_quotas, deploy:&lt;environment&gt;). On update the name may be omitted; it cannot change.
/// </summary>
public sealed record RoleRequest(
    string? Name, string? Description = null, IReadOnlyList<RolePermissionItem>? Permissions = null, IReadOnlyList<string>? Capabilities = null);
