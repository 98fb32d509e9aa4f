namespace Slipway.Contracts.Governance;

/// <summary>
/// Gives exactly one of <see cref="User"/> and <see cref="Group"/> a level (READ, USE, EDIT or MANAGE) on one
/// experiment (by id) or registered model (by name or id) of the workspace, replacing any earlier level.
/// </summary>
public sealed record SetGrantRequest(string ResourceType, string ResourceId, string Level, string? User = null, string? Group = null);
