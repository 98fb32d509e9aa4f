using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Registry;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Registry.Catalog;

public sealed record SearchCatalogQuery(
    string? Text,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Metrics,
    string? Flavor,
    string? Origin,
    string? Stage,
    bool IncludeArchived,
    IReadOnlyList<string> FacetTags,
    int? Limit,
    string? PageToken);

/// <summary>
/// Catalog search (docs/catalog-search.md): full-text over names, descriptions, tags and cards, filters on tags, card
/// metrics, flavor, origin and stage, all in SQL; exact name matches first, then by relevance (bm25 or ts_rank_cd),
/// then by name and newest version. Facet counts and the total cover every match, not just the page.
/// </summary>
public sealed class SearchCatalog(SlipwayDbContext db, ICatalogTextSearch engine, Governance.Access.AccessScope access)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private const int FacetSize = 50;
    private const int KeyMetrics = 5;
    private const int SnippetLength = 200;

    private static readonly Dictionary<string, string> Operators = new(StringComparer.Ordinal)
    {
        [">="] = ">=", [">"] = ">", ["<="] = "<=", ["<"] = "<", ["="] = "=", ["!="] = "<>",
    };

    public async Task<Result<CatalogSearchResponse>> HandleAsync(SearchCatalogQuery query, CancellationToken cancellationToken)
    {
        var parsed = Parse(query);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var p = parsed.Value with { Readable = await access.ReadableAsync(Governance.Access.ResourceTypes.RegisteredModel, cancellationToken) };
        var fingerprint = PageToken.Fingerprint(
            "catalog", p.Text.Raw, string.Join('\u001e', query.Tags), string.Join('\u001e', query.Metrics), p.Flavor, p.Origin, p.Stage,
            p.IncludeArchived ? "1" : "0", string.Join('\u001e', p.FacetTags), p.Limit.ToString(CultureInfo.InvariantCulture));
        var offset = PageToken.Decode(query.PageToken, fingerprint);
        if (!offset.IsSuccess)
        {
            return offset.Error;
        }

        var rows = new List<Row>();
        long total;
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>(StringComparer.Ordinal);
        await using (var sql = await RawSql.CreateAsync(db, cancellationToken))
        {
            var (from, rank) = From(sql, p);
            // Exact name matches first (newest version first among them), then by relevance; expressions rather than
            // select aliases, so that both engines read them the same way.
            var exact = "lower(e.model_name) = lower(" + sql.Parameter(p.Text.Raw) + ")";
            sql.Append("SELECT e.registered_model_id, e.version, e.model_name, e.description, e.card, e.flavor, e.origin, e.archived, v.current_stage, c.metrics, v.unsafe_format")
                .Append(from)
                .Append(" ORDER BY CASE WHEN ").Append(exact).Append(" THEN 0 ELSE 1 END, CASE WHEN ").Append(exact).Append(" THEN 0 ELSE ").Append(rank).Append(" END, ")
                .Append("e.model_name, e.version DESC LIMIT ").Append(sql.Parameter(p.Limit + 1))
                .Append(" OFFSET ").Append(sql.Parameter(offset.Value));
            await using (var reader = await sql.ReadAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(Read(reader));
                }
            }

            sql.Reset();
            (from, _) = From(sql, p);
            sql.Append("SELECT COUNT(*) ").Append(from);
            total = await ScalarAsync(sql, cancellationToken);

            facets["flavor"] = await FacetAsync(sql, p, "COALESCE(e.flavor, 'unknown')", cancellationToken);
            facets["origin"] = await FacetAsync(sql, p, "e.origin", cancellationToken);
            facets["stage"] = await FacetAsync(sql, p, "v.current_stage", cancellationToken);
            facets["tag"] = await TagFacetAsync(sql, p, null, cancellationToken);
            foreach (var key in p.Tags.Select(t => t.Key).Concat(p.FacetTags).Distinct(StringComparer.Ordinal))
            {
                facets["tag:" + key] = await TagFacetAsync(sql, p, key, cancellationToken);
            }
        }

        string? next = null;
        if (rows.Count > p.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = PageToken.Encode(offset.Value + p.Limit, fingerprint);
        }

        var modelIds = rows.Select(r => r.ModelId).Distinct().ToList();
        var aliases = (await db.RegisteredModelAliases.AsNoTracking().Where(a => modelIds.Contains(a.RegisteredModelId)).ToListAsync(cancellationToken))
            .ToLookup(a => (a.RegisteredModelId, a.Version), a => a.Alias);
        var hits = rows.Select(r => new CatalogHit(
            r.Name,
            r.Version,
            Snippet(r.Description.Length > 0 ? r.Description : r.Card, p.Text),
            r.Flavor,
            r.Origin,
            r.Stage,
            r.Archived,
            r.UnsafeFormat,
            aliases[(r.ModelId, r.Version)].Order(StringComparer.Ordinal).ToList(),
            KeyMetricsOf(ModelCardJson.Metrics(r.MetricsJson), p.Metrics))).ToList();
        return new CatalogSearchResponse(hits, total, facets, next);
    }

    /// <summary>The FROM and WHERE of every statement, with fresh parameters, and the rank expression that goes with them.</summary>
    private (string From, string Rank) From(RawSql sql, Parsed p, string join = "")
    {
        var text = new System.Text.StringBuilder(
            " FROM catalog_entries e JOIN model_versions v ON v.registered_model_id = e.registered_model_id AND v.version = e.version"
            + " LEFT JOIN model_cards c ON c.registered_model_id = e.registered_model_id AND c.version = e.version");
        text.Append(join);
        var rank = "0";
        string? match = null;
        if (!p.Text.IsEmpty)
        {
            (match, rank) = engine.Match(sql, p.Text);
            text.Append(' ').Append(engine.Join);
        }

        text.Append(" WHERE v.deleted = ").Append(sql.Parameter(false));
        if (!p.Readable.All)
        {
            // Only what the caller may read, decided here in SQL so that totals, facets and pages agree.
            var ids = p.Readable.NumericIds();
            text.Append(" AND (e.workspace_id IN (").Append(string.Join(", ", p.Readable.Workspaces.Select(w => sql.Parameter(w)).DefaultIfEmpty("NULL")))
                .Append(") OR e.registered_model_id IN (").Append(string.Join(", ", ids.Select(i => sql.Parameter(i)).DefaultIfEmpty("NULL"))).Append("))");
        }
        if (match is not null)
        {
            text.Append(" AND ").Append(match);
        }

        if (!p.IncludeArchived)
        {
            text.Append(" AND e.archived = ").Append(sql.Parameter(false));
        }

        if (p.Flavor is not null)
        {
            text.Append(" AND e.flavor = ").Append(sql.Parameter(p.Flavor));
        }

        if (p.Origin is not null)
        {
            text.Append(" AND e.origin = ").Append(sql.Parameter(p.Origin));
        }

        if (p.Stage is not null)
        {
            text.Append(" AND v.current_stage = ").Append(sql.Parameter(p.Stage));
        }

        foreach (var tag in p.Tags)
        {
            var key = sql.Parameter(tag.Key);
            var value = tag.Value is null ? "" : " AND t.value = " + sql.Parameter(tag.Value);
            text.Append(" AND (EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.registered_model_id = e.registered_model_id AND t.key = ")
                .Append(key).Append(value)
                .Append(") OR EXISTS (SELECT 1 FROM model_version_tags t WHERE t.registered_model_id = e.registered_model_id AND t.version = e.version AND t.key = ")
                .Append(key).Append(value).Append("))");
        }

        foreach (var metric in p.Metrics)
        {
            text.Append(" AND ").Append(engine.CardMetric(sql, metric.Key)).Append(' ').Append(Operators[metric.Operator]).Append(' ').Append(sql.Parameter(metric.Value));
        }

        return (text.ToString(), rank);
    }

    private async Task<IReadOnlyList<FacetCount>> FacetAsync(RawSql sql, Parsed p, string column, CancellationToken cancellationToken)
    {
        sql.Reset();
        var (from, _) = From(sql, p);
        sql.Append("SELECT ").Append(column).Append(" AS facet, COUNT(*) AS n ").Append(from)
            .Append(" GROUP BY ").Append(column).Append(" ORDER BY n DESC, facet LIMIT ").Append(sql.Parameter(FacetSize));
        return await FacetRowsAsync(sql, cancellationToken);
    }

    /// <summary>Tag keys (or, with <paramref name="key"/>, that key's values) over the matching versions; a version counts once per key or value.</summary>
    private async Task<IReadOnlyList<FacetCount>> TagFacetAsync(RawSql sql, Parsed p, string? key, CancellationToken cancellationToken)
    {
        sql.Reset();
        var column = key is null ? "t.key" : "t.value";
        var (modelFrom, _) = From(sql, p, " JOIN registered_model_tags t ON t.registered_model_id = e.registered_model_id");
        var modelKey = key is null ? "" : " AND t.key = " + sql.Parameter(key);
        var (versionFrom, _) = From(sql, p, " JOIN model_version_tags t ON t.registered_model_id = e.registered_model_id AND t.version = e.version");
        var versionKey = key is null ? "" : " AND t.key = " + sql.Parameter(key);
        sql.Append("SELECT x.facet, COUNT(*) AS n FROM (")
            .Append("SELECT e.registered_model_id AS model_id, e.version AS version_number, ").Append(column).Append(" AS facet").Append(modelFrom).Append(modelKey)
            .Append(" UNION SELECT e.registered_model_id, e.version, ").Append(column).Append(versionFrom).Append(versionKey)
            .Append(") x GROUP BY x.facet ORDER BY n DESC, x.facet LIMIT ").Append(sql.Parameter(FacetSize));
        return await FacetRowsAsync(sql, cancellationToken);
    }

    private static async Task<IReadOnlyList<FacetCount>> FacetRowsAsync(RawSql sql, CancellationToken cancellationToken)
    {
        var counts = new List<FacetCount>();
        await using var reader = await sql.ReadAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new FacetCount(reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return counts;
    }

    private static async Task<long> ScalarAsync(RawSql sql, CancellationToken cancellationToken)
    {
        await using var reader = await sql.ReadAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) : 0;
    }

    private static Row Read(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetInt32(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.GetString(6),
        r.GetBoolean(7),
        r.GetString(8),
        r.IsDBNull(9) ? null : r.GetString(9),
        r.GetBoolean(10));

    private static Result<Parsed> Parse(SearchCatalogQuery query)
    {
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Invalid($"'limit' must be between 1 and {MaxLimit}; got {limit}.", "limit");
        }

        if (query.Text?.Length > RegistryLimits.SourceLength)
        {
            return Error.Invalid($"'q' is {query.Text.Length} characters; the limit is {RegistryLimits.SourceLength}.", "q");
        }

        if (query.Tags.Count + query.Metrics.Count + query.FacetTags.Count > CatalogFilters.MaxFilters)
        {
            return Error.Invalid($"At most {CatalogFilters.MaxFilters} tag, metric and facet_tag parameters are allowed together.", "tag");
        }

        var tags = new List<CatalogTagFilter>();
        foreach (var text in query.Tags)
        {
            var tag = CatalogFilters.Tag(text);
            if (!tag.IsSuccess)
            {
                return tag.Error;
            }

            tags.Add(tag.Value);
        }

        var metrics = new List<CatalogMetricFilter>();
        foreach (var text in query.Metrics)
        {
            var metric = CatalogFilters.Metric(text);
            if (!metric.IsSuccess)
            {
                return metric.Error;
            }

            metrics.Add(metric.Value);
        }

        foreach (var key in query.FacetTags)
        {
            if (Tracking.TrackingValidation.Key(key, "facet_tag") is { } keyError)
            {
                return keyError;
            }
        }

        string? stage = null;
        if (!string.IsNullOrEmpty(query.Stage) && (stage = Stages.Canonical(query.Stage)) is null)
        {
            return Error.Invalid($"Invalid stage '{query.Stage}'. Value must be one of {string.Join(", ", Stages.All)}.", "stage");
        }

        if (!string.IsNullOrEmpty(query.Origin) && query.Origin is not (Packages.ModelOrigins.InHouse or Packages.ModelOrigins.ThirdParty))
        {
            return Error.Invalid($"Invalid origin '{query.Origin}'. Value must be {Packages.ModelOrigins.InHouse} or {Packages.ModelOrigins.ThirdParty}.", "origin");
        }

        if (query.Flavor?.Length > 64)
        {
            return Error.Invalid("'flavor' is limited to 64 characters.", "flavor");
        }

        return new Parsed(
            CatalogSearchText.Parse(query.Text),
            tags,
            metrics,
            string.IsNullOrEmpty(query.Flavor) ? null : query.Flavor,
            string.IsNullOrEmpty(query.Origin) ? null : query.Origin,
            stage,
            query.IncludeArchived,
            query.FacetTags.Distinct(StringComparer.Ordinal).ToList(),
            limit);
    }

    /// <summary>About <see cref="SnippetLength"/> characters of <paramref name="text"/> around the first search term found in it.</summary>
    private static string Snippet(string text, CatalogSearchText search)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        if (flat.Length <= SnippetLength)
        {
            return flat;
        }

        var at = search.Terms.Select(t => flat.IndexOf(t, StringComparison.OrdinalIgnoreCase)).Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var start = Math.Max(0, Math.Min(at - (SnippetLength / 4), flat.Length - SnippetLength));
        return (start > 0 ? "…" : "") + flat.Substring(start, SnippetLength).Trim() + (start + SnippetLength < flat.Length ? "…" : "");
    }

    private static Dictionary<string, double> KeyMetricsOf(IReadOnlyDictionary<string, double> metrics, IReadOnlyList<CatalogMetricFilter> filters)
    {
        var keys = filters.Select(f => f.Key).Where(metrics.ContainsKey)
            .Concat(metrics.Keys.Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Take(Math.Max(KeyMetrics, filters.Count));
        return keys.ToDictionary(k => k, k => metrics[k], StringComparer.Ordinal);
    }

    private sealed record Parsed(
        CatalogSearchText Text,
        IReadOnlyList<CatalogTagFilter> Tags,
        IReadOnlyList<CatalogMetricFilter> Metrics,
        string? Flavor,
        string? Origin,
        string? Stage,
        bool IncludeArchived,
        IReadOnlyList<string> FacetTags,
        int Limit)
    {
        public Governance.Access.ReadableSet Readable { get; init; } = Governance.Access.ReadableSet.Everything;
    }

    private sealed record Row(
        long ModelId, int Version, string Name, string Description, string Card, string? Flavor, string Origin, bool Archived, string Stage, string? MetricsJson, bool UnsafeFormat);
}
