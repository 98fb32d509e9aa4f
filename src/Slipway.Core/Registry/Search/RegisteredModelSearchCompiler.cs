using System.Collections.Frozen;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Registry.Search;

/// <summary>
/// Compiles a <c>registered-models/search</c> filter and order_by (mlflow-rest.md §6.3, §6.4) to SQL over
/// <c>registered_models m</c>; tags are <c>EXISTS</c> subqueries on <c>registered_model_tags</c>. The caller adds
/// the workspace condition.
/// </summary>
internal static class RegisteredModelSearchCompiler
{
    private const string ModelTagJoin = "pt.registered_model_id = m.id";

    public static SearchGrammar Grammar { get; } = new()
    {
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
        }.ToFrozenDictionary(StringComparer.Ordinal),
        KeyedEntities = new Dictionary<SearchEntity, SearchField>
        {
            [SearchEntity.Tag] = SearchField.String(""),
        }.ToFrozenDictionary(),
        OrderableAttributes = new Dictionary<string, string>
        {
            ["name"] = "name",
            ["last_updated_timestamp"] = "last_updated_timestamp",
            ["timestamp"] = "last_updated_timestamp",
            ["creation_timestamp"] = "creation_timestamp",
        }.ToFrozenDictionary(StringComparer.Ordinal),
    };

    private static readonly FrozenDictionary<string, string> Columns = new Dictionary<string, string>
    {
        ["name"] = "m.name",
        ["last_updated_timestamp"] = "m.last_updated_timestamp",
        ["creation_timestamp"] = "m.creation_timestamp",
    }.ToFrozenDictionary(StringComparer.Ordinal);

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
            conditions.Add(PromptExclusion.NotAPrompt("registered_model_tags", ModelTagJoin));
        }

        return new CompiledSearch(string.Join(" AND ", conditions.Distinct()), string.Join(", ", OrderItems(parsed.Value.Order)), parameters.Values);
    }

    private static string Condition(Comparison c, SqlParameterBuilder parameters)
    {
        if (PromptExclusion.IsClientExclusion(c))
        {
            return PromptExclusion.NotAPrompt("registered_model_tags", ModelTagJoin);
        }

        return c.Entity == SearchEntity.Tag
            ? $"EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.registered_model_id = m.id AND t.key = {parameters.Add(c.Key)} " +
              $"AND {SqlComparison.For("t.value", c.Comparator, c.Value, SqlColumnType.Text, parameters)})"
            : SqlComparison.For(Columns[c.Key], c.Comparator, c.Value, SqlColumnType.Text, parameters);
    }

    private static IEnumerable<string> OrderItems(IReadOnlyList<OrderByTerm> terms)
    {
        foreach (var term in terms)
        {
            yield return SqlOrdering.Plain(Columns[term.Key], term.Ascending);
        }

        if (!terms.Any(t => t.Key == "name"))
        {
            yield return "m.name ASC";
        }
    }
}
