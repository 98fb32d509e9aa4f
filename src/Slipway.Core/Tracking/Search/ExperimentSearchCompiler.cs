using System.Collections.Frozen;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Compiles an <c>experiments/search</c> filter and order_by (mlflow-rest.md §6.3) to SQL over
/// <c>experiments e</c>; tags are <c>EXISTS</c> subqueries on <c>experiment_tags</c>. The caller adds the
/// workspace and <c>view_type</c> conditions.
/// </summary>
internal static class ExperimentSearchCompiler
{
    public static SearchGrammar Grammar { get; } = new()
    {
        // The spec lists `attribute`, `tag` and `tags`; the rest of the run prefix set for attributes is a harmless superset.
        Prefixes = new Dictionary<string, SearchEntity>
        {
            [""] = SearchEntity.Attribute,
            ["attribute"] = SearchEntity.Attribute,
            ["attributes"] = SearchEntity.Attribute,
            ["attr"] = SearchEntity.Attribute,
            ["tag"] = SearchEntity.Tag,
            ["tags"] = SearchEntity.Tag,
        }.ToFrozenDictionary(StringComparer.Ordinal),
        Attributes = new Dictionary<string, SearchField>
        {
            ["name"] = SearchField.String("name"),
            ["creation_time"] = SearchField.Number("creation_time"),
            ["last_update_time"] = SearchField.Number("last_update_time"),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        KeyedEntities = new Dictionary<SearchEntity, SearchField>
        {
            [SearchEntity.Tag] = SearchField.String(""),
        }.ToFrozenDictionary(),
        OrderableAttributes = new Dictionary<string, string>
        {
            ["name"] = "name",
            ["experiment_id"] = "experiment_id",
            ["creation_time"] = "creation_time",
            ["last_update_time"] = "last_update_time",
        }.ToFrozenDictionary(StringComparer.Ordinal),
    };

    private static readonly FrozenDictionary<string, (string Column, SqlColumnType Type)> Columns =
        new Dictionary<string, (string, SqlColumnType)>
        {
            ["name"] = ("e.name", SqlColumnType.Text),
            ["experiment_id"] = ("e.id", SqlColumnType.Integer),
            ["creation_time"] = ("e.creation_time", SqlColumnType.Integer),
            ["last_update_time"] = ("e.last_update_time", SqlColumnType.Integer),
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
        return new CompiledSearch(where, string.Join(", ", OrderItems(parsed.Value.Order)), parameters.Values);
    }

    private static string Condition(Comparison c, SqlParameterBuilder parameters)
    {
        if (c.Entity == SearchEntity.Tag)
        {
            return $"EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.id AND t.key = {parameters.Add(c.Key)} " +
                   $"AND {SqlComparison.For("t.value", c.Comparator, c.Value, SqlColumnType.Text, parameters)})";
        }

        var (column, type) = Columns[c.Key];
        return SqlComparison.For(column, c.Comparator, c.Value, type, parameters);
    }

    private static IEnumerable<string> OrderItems(IReadOnlyList<OrderByTerm> terms)
    {
        if (terms.Count == 0)
        {
            yield return "e.creation_time DESC";
        }

        foreach (var term in terms)
        {
            yield return SqlOrdering.Plain(Columns[term.Key].Column, term.Ascending);
        }

        if (!terms.Any(t => t.Key == "experiment_id"))
        {
            yield return "e.id ASC";
        }
    }
}
