namespace Slipway.Contracts.Governance;

/// <summary>A started TOTP enrolment: the base32 secret and the otpauth URI for an authenticator app, shown once.</summary>
public sealed record TotpEnrollmentResponse(string Secret, string OtpauthUri);
