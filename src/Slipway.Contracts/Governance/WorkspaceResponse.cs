namespace Slipway.Contracts.Governance;

/// <summary>A workspace: the boundary every experiment and registered model belongs to. Times are epoch milliseconds.</summary>
public sealed record WorkspaceResponse(long Id, string Name, string? Description, long CreatedAt);
