namespace Slipway.Contracts.Governance;

/// <summary>Creates a local group.</summary>
public sealed record CreateGroupRequest(string Name, string? Description = null);
