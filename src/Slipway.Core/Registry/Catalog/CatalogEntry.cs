namespace Slipway.Core.Registry.Catalog;

/// <summary>
/// The searchable text and facets of one version, rewritten whenever the model, the version, their tags or the card
/// change. The database indexes the text (an FTS5 table on SQLite, a tsvector column on PostgreSQL).
/// </summary>
public sealed class CatalogEntry
{
    public long RegisteredModelId { get; set; }

    public int Version { get; set; }

    public long WorkspaceId { get; set; }

    public required string ModelName { get; set; }

    /// <summary>The model's and the version's descriptions.</summary>
    public string Description { get; set; } = "";

    /// <summary>Model and version tags as <c>key value</c> lines.</summary>
    public string Tags { get; set; } = "";

    /// <summary>The model card's text fields.</summary>
    public string Card { get; set; } = "";

    public string? Flavor { get; set; }

    public string Origin { get; set; } = Packages.ModelOrigins.InHouse;

    public bool Archived { get; set; }

    public long UpdatedAt { get; set; }
}
