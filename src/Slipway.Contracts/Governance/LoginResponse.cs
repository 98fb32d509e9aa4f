namespace Slipway.Contracts.Governance;

/// <summary>
/// A new browser session (the cookie is set on the response). State-changing requests made with the cookie send
/// <see cref="CsrfToken"/> in the <c>X-CSRF-Token</c> header.
/// </summary>
public sealed record LoginResponse(UserResponse User, string AuthMethod, string CsrfToken, long SessionExpiresAt);
