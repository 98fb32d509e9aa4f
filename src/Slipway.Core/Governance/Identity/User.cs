namespace Slipway.Core.Governance.Identity;

/// <summary>
/// A person (local or signed in through OpenID Connect) or a service account (tokens only, never a password).
/// The platform admin <c>admin</c> (id 1) exists from the first start with no password (governance.md §8.1, §8.5).
/// </summary>
public sealed class User
{
    public const long AdminId = 1;
    public const string AdminName = "admin";
    public const int NameLength = 100;

    public long Id { get; set; }

    /// <summary>The login name as given (NFC); unique by <see cref="NormalizedName"/>.</summary>
    public required string Name { get; set; }

    /// <summary>NFC, lower-case invariant: two names that look the same cannot both exist.</summary>
    public required string NormalizedName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    /// <summary><c>user</c> or <c>service</c>; see <see cref="PrincipalKinds"/>.</summary>
    public string Kind { get; set; } = PrincipalKinds.User;

    /// <summary>Platform admin: global and break-glass, every action audited and MFA required.</summary>
    public bool IsAdmin { get; set; }

    /// <summary>A deactivated user cannot sign in and its tokens and sessions stop working.</summary>
    public bool Active { get; set; } = true;

    /// <summary>PBKDF2 hash in the format of <see cref="PasswordHashing"/>; null when the user has no password.</summary>
    public string? PasswordHash { get; set; }

    public long? PasswordChangedAt { get; set; }

    /// <summary>The TOTP secret, protected with Data Protection; null until enrolment starts.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>Set when enrolment was confirmed with a valid code; MFA is on from then.</summary>
    public long? TotpEnabledAt { get; set; }

    /// <summary>The highest RFC 6238 time step accepted so far; a code at or below it is a replay.</summary>
    public long TotpLastStep { get; set; }

    /// <summary>Issuer and subject of the OpenID Connect identity this user was created from.</summary>
    public string? OidcIssuer { get; set; }

    public string? OidcSubject { get; set; }

    public long CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public long? LastLoginAt { get; set; }
}
