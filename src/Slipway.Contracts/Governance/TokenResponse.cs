namespace Slipway.Contracts.Governance;

/// <summary>
/// An API token as listed: never its secret or hash. <see cref="Principal"/> is the owner. Times are epoch
/// milliseconds; <see cref="Workspace"/> and <see cref="MaxPermission"/> are null for a token with its owner's full reach.
/// <see cref="Limits"/> are its serving limits, null when none is set.
/// </summary>
public sealed record TokenResponse(
    long Id,
    string Name,
    string Prefix,
    string Principal,
    long CreatedAt,
    long? ExpiresAt,
    long? RevokedAt,
    string? Workspace = null,
    string? MaxPermission = null,
    long? LastUsedAt = null,
    TokenLimitsResponse? Limits = null);
