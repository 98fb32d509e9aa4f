namespace Slipway.Core.Governance.Identity;

/// <summary>
/// A browser session. The cookie carries a random secret; only its SHA-256 is stored, so the table cannot be
/// replayed. Idle and absolute expiry are enforced server-side; logout sets <see cref="RevokedAt"/>.
/// </summary>
public sealed class UserSession
{
    public long Id { get; set; }

    /// <summary>Lower-case hex SHA-256 of the session secret.</summary>
    public required string Hash { get; set; }

    public long UserId { get; set; }

    /// <summary><c>password</c>, <c>password+totp</c> or <c>oidc</c>.</summary>
    public required string AuthMethod { get; set; }

    /// <summary>When the user last proved a second factor in this session (step-up).</summary>
    public long? MfaAt { get; set; }

    /// <summary>SHA-256 of the anti-forgery token that state-changing requests must echo.</summary>
    public required string CsrfHash { get; set; }

    public long CreatedAt { get; set; }

    public long LastSeenAt { get; set; }

    public long AbsoluteExpiresAt { get; set; }

    public long? RevokedAt { get; set; }

    public string? Ip { get; set; }

    public string? UserAgent { get; set; }
}
