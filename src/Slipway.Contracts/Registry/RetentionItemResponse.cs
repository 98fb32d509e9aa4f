namespace Slipway.Contracts.Registry;

/// <summary>A version a retention run touched or considered, and why.</summary>
public sealed record RetentionItemResponse(int Version, string Reason);
