namespace Slipway.Contracts.Governance;

/// <summary>Creates a token. <see cref="ExpiresAt"/> is epoch milliseconds; null never expires.</summary>
public sealed record CreateTokenRequest(string Name, long? ExpiresAt = null);
