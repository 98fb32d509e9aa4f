using System.Globalization;
using System.Text;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Catalog;

namespace Slipway.Database.Sqlite;

/// <summary>
/// Catalog search on SQLite: an FTS5 query over <c>catalog_fts</c> (kept in step with catalog_entries by triggers),
/// ranked by bm25 with the name weighted highest, and <c>json_extract</c> for card metrics.
/// </summary>
public sealed class SqliteCatalogTextSearch : ICatalogTextSearch
{
    public string Join => "JOIN catalog_fts ON catalog_fts.rowid = e.rowid";

    public (string Condition, string Rank) Match(RawSql sql, CatalogSearchText text)
    {
        // Every term is letters and digits only; quoting makes FTS5 read it as a plain string even when it is a
        // keyword such as AND, OR, NOT or NEAR. The last term matches as a prefix.
        var query = new StringBuilder();
        for (var i = 0; i < text.Terms.Count; i++)
        {
            query.Append(i == 0 ? "" : " ").Append('"').Append(text.Terms[i]).Append('"').Append(i == text.Terms.Count - 1 ? "*" : "");
        }

        // Column weights: model_name, description, tags, card (bm25 is lower for better matches).
        return ("catalog_fts MATCH " + sql.Parameter(query.ToString()), "bm25(catalog_fts, 10.0, 4.0, 3.0, 1.0)");
    }

    public string CardMetric(RawSql sql, string key)
    {
        // Metric keys are validated (no quotes or backslashes), so quoting the key makes a valid JSON path for any of them.
        var path = string.Create(CultureInfo.InvariantCulture, $"$.\"{key}\"");
        var parameter = sql.Parameter(path);
        return $"(CASE WHEN json_type(c.metrics, {parameter}) IN ('integer', 'real') THEN json_extract(c.metrics, {parameter}) END)";
    }
}
