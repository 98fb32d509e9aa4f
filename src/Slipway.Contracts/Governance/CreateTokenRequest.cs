namespace Slipway.Contracts.Governance;

/// <summary>
/// Creates a token owned by the caller. <see cref="ExpiresAt"/> is epoch milliseconds; null takes the server's
/// default lifetime (<c>Auth:TokenDefaultDays</c>, 90 days). <see cref="NeverExpires"/> asks for a token without
/// expiry, which the server allows only with <c>Auth:AllowNonExpiringTokens</c>. <see cref="Workspace"/> binds the
/// token to one workspace; <see cref="MaxPermission"/> (READ, USE, EDIT or MANAGE) caps it. Neither may exceed what
/// the owner holds.
/// </summary>
public sealed record CreateTokenRequest(
    string Name, long? ExpiresAt = null, string? Workspace = null, string? MaxPermission = null, bool NeverExpires = false);
