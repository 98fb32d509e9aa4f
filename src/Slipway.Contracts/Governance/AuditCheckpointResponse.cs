namespace Slipway.Contracts.Governance;

/// <summary>A signed checkpoint: the first <see cref="Size"/> events have Merkle root <see cref="Root"/>; <see cref="Text"/> is the C2SP note.</summary>
public sealed record AuditCheckpointResponse(long Size, string Root, string Text, long CreatedAt);
