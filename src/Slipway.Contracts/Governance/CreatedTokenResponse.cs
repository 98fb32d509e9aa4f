namespace Slipway.Contracts.Governance;

/// <summary>A new token with its secret, which is shown this once.</summary>
public sealed record CreatedTokenResponse(TokenResponse Token, string Secret);
