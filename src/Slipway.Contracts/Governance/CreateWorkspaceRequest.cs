namespace Slipway.Contracts.Governance;

/// <summary>Creates a workspace. <see cref="Name"/>: lower-case letters, digits and dashes, at most 63 characters.</summary>
public sealed record CreateWorkspaceRequest(string Name, string? Description = null);
