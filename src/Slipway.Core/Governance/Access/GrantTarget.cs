namespace Slipway.Core.Governance.Access;

/// <summary>A resource that a direct grant can name: its workspace, type, id (as grants store it) and display name.</summary>
public sealed record GrantTarget(long WorkspaceId, string ResourceType, string ResourceId, string Name);
