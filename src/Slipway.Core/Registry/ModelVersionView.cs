namespace Slipway.Core.Registry;

/// <summary>A version as the APIs show it: with its model's name and the aliases that point at it.</summary>
public sealed record ModelVersionView(string Name, ModelVersion Version, IReadOnlyList<string> Aliases);
