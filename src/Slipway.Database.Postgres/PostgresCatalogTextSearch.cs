using System.Text;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Catalog;

namespace Slipway.Database.Postgres;

/// <summary>
/// Catalog search on PostgreSQL: a tsquery over the generated <c>catalog_entries.document</c> column (GIN-indexed),
/// ranked by ts_rank_cd, and jsonb operators for card metrics. The document mixes the <c>simple</c> configuration
/// (name, tags) with <c>english</c> (descriptions, card), so each term matches in either form.
/// </summary>
public sealed class PostgresCatalogTextSearch : ICatalogTextSearch
{
    public string Join => "";

    public (string Condition, string Rank) Match(RawSql sql, CatalogSearchText text)
    {
        var query = new StringBuilder("(");
        for (var i = 0; i < text.Terms.Count; i++)
        {
            // Terms are letters and digits only, so to_tsquery sees one lexeme (with :* for the prefix), never operators.
            var term = sql.Parameter(text.Terms[i] + (i == text.Terms.Count - 1 ? ":*" : ""));
            query.Append(i == 0 ? "" : " && ").Append("(to_tsquery('simple', ").Append(term).Append(") || to_tsquery('english', ").Append(term).Append("))");
        }

        query.Append(')');
        return ("e.document @@ " + query, "-ts_rank_cd(e.document, " + query + ")");
    }

    public string CardMetric(RawSql sql, string key)
    {
        var parameter = sql.Parameter(key);
        return $"(CASE WHEN jsonb_typeof(c.metrics::jsonb -> {parameter}) = 'number' THEN (c.metrics::jsonb ->> {parameter})::double precision END)";
    }
}
