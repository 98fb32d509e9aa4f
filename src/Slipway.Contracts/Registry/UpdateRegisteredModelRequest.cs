namespace Slipway.Contracts.Registry;

/// <summary>Renames a model (<see cref="Name"/>) and/or replaces its description; null leaves a field as it is.</summary>
public sealed record UpdateRegisteredModelRequest(string? Name = null, string? Description = null);
