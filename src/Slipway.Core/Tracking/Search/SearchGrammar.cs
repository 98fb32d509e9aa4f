using System.Collections.Frozen;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// What one search accepts: prefixes, attributes, keyed entities and their comparators, and what order_by may
/// name. Every identifier that reaches SQL is looked up here; nothing else can.
/// </summary>
internal sealed class SearchGrammar
{
    /// <summary>Prefix spelling to entity, compared ordinally as MLflow does; "" is the bare identifier.</summary>
    public required FrozenDictionary<string, SearchEntity> Prefixes { get; init; }

    /// <summary>Attribute spelling (aliases included) to its canonical field.</summary>
    public required FrozenDictionary<string, SearchField> Attributes { get; init; }

    public FrozenDictionary<string, SearchField> DatasetFields { get; init; } = FrozenDictionary<string, SearchField>.Empty;

    /// <summary>Entities with free keys (metrics, params, tags): the type and comparators every key gets.</summary>
    public required FrozenDictionary<SearchEntity, SearchField> KeyedEntities { get; init; }

    /// <summary>Attribute spelling (aliases included) to the canonical key order_by sorts on.</summary>
    public required FrozenDictionary<string, string> OrderableAttributes { get; init; }

    public FrozenSet<SearchEntity> OrderableKeyedEntities { get; init; } = FrozenSet<SearchEntity>.Empty;

    /// <summary>Parses a filter and its order_by list, the first step of every search compiler.</summary>
    public Result<ParsedSearch> Parse(string? filter, IReadOnlyList<string>? orderBy)
    {
        var parsed = FilterParser.Parse(filter, this);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var terms = OrderByParser.Parse(orderBy, this);
        return terms.IsSuccess ? new ParsedSearch(parsed.Value, terms.Value) : terms.Error;
    }

    public Result<SearchEntity> ResolvePrefix(SearchIdentifier identifier, string what)
    {
        if (Prefixes.TryGetValue(identifier.Prefix ?? "", out var entity))
        {
            return entity;
        }

        var valid = string.Join(", ", Prefixes.Keys.Where(p => p.Length > 0).Order(StringComparer.Ordinal));
        return identifier.Prefix is null
            ? Error.Invalid($"Invalid {what}: '{identifier.Text}' needs a prefix; valid prefixes are {valid}.", what)
            : Error.Invalid($"Invalid {what}: unknown entity type '{identifier.Prefix}' in '{identifier.Text}'; valid prefixes are {valid}.", what);
    }

    public Result<SearchField> ResolveField(SearchEntity entity, SearchIdentifier identifier, string what)
    {
        if (KeyedEntities.TryGetValue(entity, out var template))
        {
            return template with { Key = identifier.Key };
        }

        var fields = entity == SearchEntity.Dataset ? DatasetFields : Attributes;
        if (fields.TryGetValue(identifier.Key, out var field))
        {
            return field;
        }

        var noun = entity == SearchEntity.Dataset ? "dataset" : "attribute";
        return Error.Invalid(
            $"Invalid {what}: unknown {noun} key '{identifier.Key}' in '{identifier.Text}'; valid {noun} keys are {string.Join(", ", Canonical(fields))}.", what);
    }

    public static string Display(SearchEntity entity, string key) => entity switch
    {
        SearchEntity.Metric => $"metrics.{key}",
        SearchEntity.Param => $"params.{key}",
        SearchEntity.Tag => $"tags.{key}",
        SearchEntity.Dataset => $"datasets.{key}",
        _ => key,
    };

    private static IEnumerable<string> Canonical(FrozenDictionary<string, SearchField> fields) =>
        fields.Values.Select(f => f.Key).Distinct().Order(StringComparer.Ordinal);
}
