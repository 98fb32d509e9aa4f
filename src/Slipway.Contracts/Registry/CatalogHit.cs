namespace Slipway.Contracts.Registry;

/// <summary>
/// One version found in the catalog: the model and version, a short description snippet, what it is (flavor,
/// origin), how it is used (stage, aliases) and its key metrics from the model card.
/// </summary>
public sealed record CatalogHit(
    string Name,
    int Version,
    string Snippet,
    string? Flavor,
    string Origin,
    string Stage,
    bool Archived,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, double> Metrics);
