namespace Slipway.Contracts.Governance;

/// <summary>
/// A second factor for step-up and sensitive MFA changes: a current TOTP <see cref="Code"/> or a
/// <see cref="RecoveryCode"/>; disabling MFA also needs the <see cref="Password"/> when the user has one.
/// </summary>
public sealed record MfaCodeRequest(string? Code = null, string? RecoveryCode = null, string? Password = null);
