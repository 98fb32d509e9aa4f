namespace Slipway.Contracts.Governance;

/// <summary>A direct grant on one resource; <see cref="ResourceId"/> is the resource's id (a registered model's numeric id, not its name).</summary>
public sealed record GrantResponse(
    long Id, string Workspace, string PrincipalKind, string Principal, string ResourceType, string ResourceId, string Level, long CreatedAt, string? CreatedBy);
