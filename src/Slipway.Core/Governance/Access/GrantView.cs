namespace Slipway.Core.Governance.Access;

/// <summary>A direct grant with the name of its principal.</summary>
public sealed record GrantView(ResourceGrant Grant, string PrincipalName);
