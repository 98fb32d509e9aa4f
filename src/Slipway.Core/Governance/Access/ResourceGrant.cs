namespace Slipway.Core.Governance.Access;

/// <summary>
/// A permission level on one resource given directly to a user or group, as MLflow's per-experiment and
/// per-registered-model permissions are. Creators get MANAGE on what they create this way.
/// </summary>
public sealed class ResourceGrant
{
    public long Id { get; set; }

    public long WorkspaceId { get; set; }

    public required string PrincipalKind { get; set; }

    public long PrincipalId { get; set; }

    public required string ResourceType { get; set; }

    /// <summary>The resource's id as text (experiment id, registered model id, ...).</summary>
    public required string ResourceId { get; set; }

    public Permission Level { get; set; }

    public long CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
