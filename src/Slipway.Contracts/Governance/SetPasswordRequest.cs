namespace Slipway.Contracts.Governance;

/// <summary>A platform admin sets a user's password.</summary>
public sealed record SetPasswordRequest(string Password);
