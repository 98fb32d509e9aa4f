using System.Collections.Frozen;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Compiles a <c>runs/search</c> filter and order_by (mlflow-rest.md §6.2) to SQL over <c>runs r</c>. Keyed
/// children are <c>EXISTS</c> subqueries, so <c>!=</c> never matches a run without the key; metrics compare the
/// latest value and NaN never matches; <c>run_name</c> is compared through the <c>mlflow.runName</c> tag.
/// <code>
/// SELECT … FROM runs r WHERE r.experiment_id IN (…) AND r.lifecycle_stage = … [AND (Where)] ORDER BY OrderBy LIMIT … OFFSET …
/// </code>
/// </summary>
internal static class RunSearchCompiler
{
    public const string RunNameTag = "mlflow.runName";
    public const string DatasetContextTag = "mlflow.data.context";

    public static SearchGrammar Grammar { get; } = new()
    {
        Prefixes = new Dictionary<string, SearchEntity>
        {
            [""] = SearchEntity.Attribute,
            ["attribute"] = SearchEntity.Attribute,
            ["attributes"] = SearchEntity.Attribute,
            ["attr"] = SearchEntity.Attribute,
            ["run"] = SearchEntity.Attribute,
            ["metric"] = SearchEntity.Metric,
            ["metrics"] = SearchEntity.Metric,
            ["param"] = SearchEntity.Param,
            ["params"] = SearchEntity.Param,
            ["parameter"] = SearchEntity.Param,
            ["parameters"] = SearchEntity.Param,
            ["tag"] = SearchEntity.Tag,
            ["tags"] = SearchEntity.Tag,
            ["dataset"] = SearchEntity.Dataset,
            ["datasets"] = SearchEntity.Dataset,
        }.ToFrozenDictionary(StringComparer.Ordinal),
        Attributes = new Dictionary<string, SearchField>
        {
            ["run_id"] = SearchField.StringOrList("run_id"),
            ["run_name"] = SearchField.String("run_name"),
            ["run name"] = SearchField.String("run_name"),
            ["status"] = SearchField.String("status"),
            ["user_id"] = SearchField.String("user_id"),
            ["artifact_uri"] = SearchField.String("artifact_uri"),
            ["start_time"] = SearchField.Number("start_time"),
            ["created"] = SearchField.Number("start_time"),
            ["Created"] = SearchField.Number("start_time"),
            ["end_time"] = SearchField.Number("end_time"),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        DatasetFields = new Dictionary<string, SearchField>
        {
            ["name"] = SearchField.StringOrList("name"),
            ["digest"] = SearchField.StringOrList("digest"),
            ["context"] = SearchField.StringOrList("context"),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        KeyedEntities = new Dictionary<SearchEntity, SearchField>
        {
            [SearchEntity.Metric] = SearchField.Number(""),
            [SearchEntity.Param] = SearchField.String(""),
            [SearchEntity.Tag] = SearchField.String(""),
        }.ToFrozenDictionary(),
        OrderableAttributes = new Dictionary<string, string>
        {
            ["run_id"] = "run_id",
            ["run_name"] = "run_name",
            ["run name"] = "run_name",
            ["status"] = "status",
            ["user_id"] = "user_id",
            ["start_time"] = "start_time",
            ["created"] = "start_time",
            ["Created"] = "start_time",
            ["end_time"] = "end_time",
            ["artifact_uri"] = "artifact_uri",
        }.ToFrozenDictionary(StringComparer.Ordinal),
        OrderableKeyedEntities = new[] { SearchEntity.Metric, SearchEntity.Param, SearchEntity.Tag }.ToFrozenSet(),
    };

    /// <summary>Attribute key to column and whether it can be NULL.</summary>
    private static readonly FrozenDictionary<string, (string Column, SqlColumnType Type, bool Nullable)> Columns =
        new Dictionary<string, (string, SqlColumnType, bool)>
        {
            ["run_id"] = ("r.id", SqlColumnType.Text, false),
            ["run_name"] = ("r.name", SqlColumnType.Text, false),
            ["status"] = ("r.status", SqlColumnType.Text, false),
            ["user_id"] = ("r.user_id", SqlColumnType.Text, true),
            ["artifact_uri"] = ("r.artifact_uri", SqlColumnType.Text, false),
            ["start_time"] = ("r.start_time", SqlColumnType.Integer, false),
            ["end_time"] = ("r.end_time", SqlColumnType.Integer, true),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static Result<CompiledSearch> Compile(string? filter, IReadOnlyList<string>? orderBy)
    {
        var parsed = Grammar.Parse(filter, orderBy);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var parameters = new SqlParameterBuilder();
        var where = string.Join(" AND ", parsed.Value.Filter.Comparisons.Select(c => Condition(c, parameters)));
        var order = string.Join(", ", OrderItems(parsed.Value.Order, parameters));
        return new CompiledSearch(where, order, parameters.Values);
    }

    private static string Condition(Comparison c, SqlParameterBuilder parameters)
    {
        string Compare(string column, SqlColumnType type = SqlColumnType.Text) => SqlComparison.For(column, c.Comparator, c.Value, type, parameters);

        return (c.Entity, c.Key) switch
        {
            (SearchEntity.Metric, _) =>
                $"EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_id = r.id AND m.key = {parameters.Add(c.Key)} AND NOT m.is_nan AND {Compare("m.value", SqlColumnType.Real)})",
            (SearchEntity.Param, _) =>
                $"EXISTS (SELECT 1 FROM params p WHERE p.run_id = r.id AND p.key = {parameters.Add(c.Key)} AND {Compare("p.value")})",
            (SearchEntity.Tag, _) or (SearchEntity.Attribute, "run_name") =>
                $"EXISTS (SELECT 1 FROM tags t WHERE t.run_id = r.id AND t.key = {parameters.Add(c.Entity == SearchEntity.Tag ? c.Key : RunNameTag)} AND {Compare("t.value")})",
            (SearchEntity.Dataset, "context") =>
                $"EXISTS (SELECT 1 FROM input_tags it WHERE it.run_id = r.id AND it.key = {parameters.Add(DatasetContextTag)} AND {Compare("it.value")})",
            (SearchEntity.Dataset, _) =>
                $"EXISTS (SELECT 1 FROM run_dataset_inputs di JOIN datasets d ON d.id = di.dataset_id WHERE di.run_id = r.id AND {Compare(c.Key == "name" ? "d.name" : "d.digest")})",
            _ => Compare(Columns[c.Key].Column, Columns[c.Key].Type),
        };
    }

    private static IEnumerable<string> OrderItems(IReadOnlyList<OrderByTerm> terms, SqlParameterBuilder parameters)
    {
        foreach (var term in terms)
        {
            yield return term.Entity switch
            {
                SearchEntity.Metric => SqlOrdering.Metric(
                    "m", $"FROM latest_metrics m WHERE m.run_id = r.id AND m.key = {parameters.Add(term.Key)}", term.Ascending),
                SearchEntity.Param => SqlOrdering.NullsLast(
                    $"(SELECT p.value FROM params p WHERE p.run_id = r.id AND p.key = {parameters.Add(term.Key)})", term.Ascending),
                SearchEntity.Tag => SqlOrdering.NullsLast(
                    $"(SELECT t.value FROM tags t WHERE t.run_id = r.id AND t.key = {parameters.Add(term.Key)})", term.Ascending),
                _ => Columns[term.Key].Nullable
                    ? SqlOrdering.NullsLast(Columns[term.Key].Column, term.Ascending)
                    : SqlOrdering.Plain(Columns[term.Key].Column, term.Ascending),
            };
        }

        if (!terms.Any(t => t is { Entity: SearchEntity.Attribute, Key: "start_time" }))
        {
            yield return "r.start_time DESC";
        }

        if (!terms.Any(t => t is { Entity: SearchEntity.Attribute, Key: "run_id" }))
        {
            yield return "r.id ASC";
        }
    }
}
