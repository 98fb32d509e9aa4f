namespace Slipway.Contracts.Registry;

/// <summary>Replaces a version's description.</summary>
public sealed record UpdateModelVersionRequest(string? Description = null);
