namespace Slipway.Contracts.Registry;

/// <summary>
/// One version found in the catalog: the model and version, a short description snippet, what it is (flavor,
/// origin), how it is used (stage, aliases) and its key metrics from the model card. <see cref="UnsafeFormat"/> is
/// true when loading the version's format executes code (pickle); Slipway never loads it.
/// </summary>
public sealed record CatalogHit(
    string Name,
    int Version,
    string Snippet,
    string? Flavor,
    string Origin,
    string Stage,
    bool Archived,
    bool UnsafeFormat,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, double> Metrics);
