namespace Slipway.Contracts.Governance;

/// <summary>
/// A user (<c>kind</c> <c>user</c>) or service account (<c>service</c>): never a password hash or TOTP secret, only
/// whether they exist. Times are epoch milliseconds.
/// </summary>
public sealed record UserResponse(
    long Id,
    string Name,
    string Kind,
    string? DisplayName,
    string? Email,
    bool IsAdmin,
    bool Active,
    bool HasPassword,
    bool MfaEnabled,
    long CreatedAt,
    string? CreatedBy,
    long? LastLoginAt);
