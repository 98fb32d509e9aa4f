namespace Slipway.Contracts.Governance;

/// <summary>Password sign-in; users with MFA also send <see cref="TotpCode"/> or <see cref="RecoveryCode"/>.</summary>
public sealed record LoginRequest(string Username, string Password, string? TotpCode = null, string? RecoveryCode = null);
