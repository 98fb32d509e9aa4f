namespace Slipway.Contracts.Registry;

/// <summary>How many matching versions have <see cref="Value"/>.</summary>
public sealed record FacetCount(string Value, long Count);
