namespace Slipway.Contracts.Tracking;

/// <summary>Creates an experiment; names are unique, deleted experiments included.</summary>
public sealed record CreateExperimentRequest(string Name, IReadOnlyDictionary<string, string>? Tags = null);
