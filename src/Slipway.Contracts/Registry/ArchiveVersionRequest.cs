namespace Slipway.Contracts.Registry;

/// <summary>An optional reason, recorded in the version's history.</summary>
public sealed record ArchiveVersionRequest(string? Reason);
