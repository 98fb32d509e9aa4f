namespace Slipway.Contracts.Governance;

/// <summary>Confirms a TOTP enrolment with a current code from the authenticator.</summary>
public sealed record TotpConfirmRequest(string Code);
