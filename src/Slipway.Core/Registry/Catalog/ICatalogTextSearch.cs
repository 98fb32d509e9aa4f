using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Catalog;

/// <summary>
/// The SQL that differs between the providers' full-text engines (SQLite FTS5 over <c>catalog_fts</c>, PostgreSQL
/// <c>tsvector</c> in <c>catalog_entries.document</c>) and their JSON functions. The catalog query names its tables
/// <c>e</c> (catalog_entries) and <c>c</c> (model_cards). Terms reach SQL only as parameters, and only after
/// <see cref="CatalogSearchText"/> reduced them to letters and digits.
/// </summary>
public interface ICatalogTextSearch
{
    /// <summary>What to join to <c>catalog_entries e</c> when there are search terms (empty when nothing is needed).</summary>
    string Join { get; }

    /// <summary>A condition that <c>e</c> holds every term (the last as a prefix), and a rank expression where smaller is better.</summary>
    (string Condition, string Rank) Match(RawSql sql, CatalogSearchText text);

    /// <summary>The card metric <paramref name="key"/> of <c>c</c> as a double, or NULL when the card lacks it.</summary>
    string CardMetric(RawSql sql, string key);
}
