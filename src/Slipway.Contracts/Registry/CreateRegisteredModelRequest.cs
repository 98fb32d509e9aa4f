namespace Slipway.Contracts.Registry;

/// <summary>Creates a registered model; names are unique in the workspace.</summary>
public sealed record CreateRegisteredModelRequest(string Name, string? Description = null, IReadOnlyDictionary<string, string>? Tags = null);
