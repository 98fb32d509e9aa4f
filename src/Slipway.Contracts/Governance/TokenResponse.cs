namespace Slipway.Contracts.Governance;

/// <summary>An API token as listed: never its secret. Times are epoch milliseconds.</summary>
public sealed record TokenResponse(long Id, string Name, string Prefix, string Principal, long CreatedAt, long? ExpiresAt, long? RevokedAt);
