using System.Collections.Frozen;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Registry.Search;

/// <summary>
/// Compiles a <c>model-versions/search</c> filter and order_by (mlflow-rest.md §6.3, §6.4) to SQL over
/// <c>model_versions v JOIN registered_models m</c>; tags are version tags. Prompts are left out by their version
/// tag or their model's tag. The caller adds the workspace and not-deleted conditions.
/// </summary>
internal static class ModelVersionSearchCompiler
{
    public static SearchGrammar Grammar { get; } = new()
    {
        Prefixes = RegisteredModelSearchCompiler.Grammar.Prefixes,
        Attributes = new Dictionary<string, SearchField>
        {
            ["name"] = SearchField.String("name"),
            ["source_path"] = SearchField.String("source_path"),
            ["run_id"] = new("run_id", SearchValueType.String, [.. Comparators.String, Comparator.In]),
            ["version_number"] = SearchField.Number("version_number"),
        }.ToFrozenDictionary(StringComparer.Ordinal),
        KeyedEntities = new Dictionary<SearchEntity, SearchField>
        {
            [SearchEntity.Tag] = SearchField.String(""),
        }.ToFrozenDictionary(),
        OrderableAttributes = new Dictionary<string, string>
        {
            ["name"] = "name",
            ["version_number"] = "version_number",
            ["creation_timestamp"] = "creation_timestamp",
            ["last_updated_timestamp"] = "last_updated_timestamp",
            ["timestamp"] = "last_updated_timestamp",
        }.ToFrozenDictionary(StringComparer.Ordinal),
    };

    private static readonly FrozenDictionary<string, (string Column, SqlColumnType Type)> Columns =
        new Dictionary<string, (string, SqlColumnType)>
        {
            ["name"] = ("m.name", SqlColumnType.Text),
            ["source_path"] = ("v.source", SqlColumnType.Text),
            ["run_id"] = ("v.run_id", SqlColumnType.Text),
            ["version_number"] = ("v.version", SqlColumnType.Integer),
            ["creation_timestamp"] = ("v.creation_timestamp", SqlColumnType.Integer),
            ["last_updated_timestamp"] = ("v.last_updated_timestamp", SqlColumnType.Integer),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string NotAPrompt =
        PromptExclusion.NotAPrompt("model_version_tags", "pt.registered_model_id = v.registered_model_id AND pt.version = v.version") + " AND " +
        PromptExclusion.NotAPrompt("registered_model_tags", "pt.registered_model_id = v.registered_model_id");

    public static Result<CompiledSearch> Compile(string? filter, IReadOnlyList<string>? orderBy)
    {
        var parsed = Grammar.Parse(filter, orderBy);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var parameters = new SqlParameterBuilder();
        var conditions = parsed.Value.Filter.Comparisons.Select(c => Condition(c, parameters)).ToList();
        if (!PromptExclusion.AsksForPrompts(parsed.Value.Filter))
        {
            conditions.Add(NotAPrompt);
        }

        return new CompiledSearch(string.Join(" AND ", conditions.Distinct()), string.Join(", ", OrderItems(parsed.Value.Order)), parameters.Values);
    }

    private static string Condition(Comparison c, SqlParameterBuilder parameters)
    {
        if (PromptExclusion.IsClientExclusion(c))
        {
            return NotAPrompt;
        }

        if (c.Entity == SearchEntity.Tag)
        {
            return "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.registered_model_id = v.registered_model_id AND t.version = v.version " +
                   $"AND t.key = {parameters.Add(c.Key)} AND {SqlComparison.For("t.value", c.Comparator, c.Value, SqlColumnType.Text, parameters)})";
        }

        var (column, type) = Columns[c.Key];
        return SqlComparison.For(column, c.Comparator, c.Value, type, parameters);
    }

    private static IEnumerable<string> OrderItems(IReadOnlyList<OrderByTerm> terms)
    {
        if (terms.Count == 0)
        {
            yield return "v.last_updated_timestamp DESC";
        }

        foreach (var term in terms)
        {
            yield return SqlOrdering.Plain(Columns[term.Key].Column, term.Ascending);
        }

        if (!terms.Any(t => t.Key == "name"))
        {
            yield return "m.name ASC";
        }

        if (!terms.Any(t => t.Key == "version_number"))
        {
            yield return "v.version DESC";
        }
    }
}
