namespace Slipway.Contracts.Registry;

/// <summary>
/// One page of catalog hits, the total number of matching versions, and facet counts over all of them (not only
/// this page): <c>flavor</c>, <c>origin</c>, <c>stage</c>, <c>tag</c> (tag keys), and <c>tag:&lt;key&gt;</c> (the values
/// of each key filtered on or asked for with <c>facet_tag</c>). <see cref="NextCursor"/> is null on the last page.
/// </summary>
public sealed record CatalogSearchResponse(
    IReadOnlyList<CatalogHit> Items,
    long Total,
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets,
    string? NextCursor);
