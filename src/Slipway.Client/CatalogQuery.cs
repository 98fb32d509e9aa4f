namespace Slipway.Client;

/// <summary>A catalog search (docs/catalog-search.md). Every property is optional; with none set, every live, unarchived version matches.</summary>
public sealed record CatalogQuery
{
    /// <summary>Words searched in names, descriptions, tags and model cards; the last one also matches as a prefix.</summary>
    public string? Text { get; init; }

    /// <summary>Tag filters: <c>key:value</c>, or <c>key</c> for "has the tag".</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Metric thresholds on the model card, such as <c>accuracy&gt;=0.8</c>.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>A flavor such as <c>onnx</c>.</summary>
    public string? Flavor { get; init; }

    /// <summary><c>in_house</c> or <c>third_party</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>A legacy stage: <c>None</c>, <c>Staging</c>, <c>Production</c> or <c>Archived</c>.</summary>
    public string? Stage { get; init; }

    /// <summary>Whether archived versions are included; the server's default is false.</summary>
    public bool IncludeArchived { get; init; }

    /// <summary>Tag keys whose values to count in the facets.</summary>
    public IReadOnlyList<string> FacetTags { get; init; } = [];

    /// <summary>The page size, 1 to 100; the server's default is 20.</summary>
    public int? Limit { get; init; }

    /// <summary>The <see cref="Contracts.Registry.CatalogSearchResponse.NextCursor"/> of the previous page; null for the first page.</summary>
    public string? Cursor { get; init; }
}
