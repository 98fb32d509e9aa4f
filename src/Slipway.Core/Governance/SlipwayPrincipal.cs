namespace Slipway.Core.Governance;

/// <summary>The authenticated caller of a request.</summary>
public sealed record SlipwayPrincipal(string Name, long TokenId, long WorkspaceId, Permission MaxPermission);
