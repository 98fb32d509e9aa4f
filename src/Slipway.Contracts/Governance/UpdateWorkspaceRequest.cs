namespace Slipway.Contracts.Governance;

/// <summary>Changes a workspace's description; null or empty clears it.</summary>
public sealed record UpdateWorkspaceRequest(string? Description);
