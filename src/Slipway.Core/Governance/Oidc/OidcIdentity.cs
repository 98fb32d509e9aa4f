namespace Slipway.Core.Governance.Oidc;

/// <summary>Who a validated ID token says signed in.</summary>
public sealed record OidcIdentity(
    string Issuer,
    string Subject,
    string Username,
    string? DisplayName,
    string? Email,
    IReadOnlyList<string> Groups,
    bool Mfa);
