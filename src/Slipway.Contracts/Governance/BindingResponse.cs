namespace Slipway.Contracts.Governance;

/// <summary>A role binding. <see cref="PrincipalKind"/> is <c>user</c> (people and service accounts) or <c>group</c>.</summary>
public sealed record BindingResponse(long Id, string Workspace, string Role, string PrincipalKind, string Principal, long CreatedAt, string? CreatedBy);
