namespace Slipway.Core.Governance.Access;

/// <summary>Gives a user or group a role in one workspace.</summary>
public sealed class RoleBinding
{
    public long Id { get; set; }

    public long WorkspaceId { get; set; }

    public long RoleId { get; set; }

    /// <summary><c>user</c> or <c>group</c>.</summary>
    public required string PrincipalKind { get; set; }

    public long PrincipalId { get; set; }

    public long CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
