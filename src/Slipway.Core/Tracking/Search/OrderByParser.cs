using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Parses order_by items, each <c>identifier [ASC|DESC]</c> (ASC by default, any case), against the grammar's
/// orderable fields. A bad key, a bad direction or the same field twice is an error (mlflow-rest.md §6.2).
/// </summary>
internal static class OrderByParser
{
    private const string What = "order_by";

    public static Result<IReadOnlyList<OrderByTerm>> Parse(IReadOnlyList<string>? orderBy, SearchGrammar grammar)
    {
        var terms = new List<OrderByTerm>();
        foreach (var item in orderBy ?? [])
        {
            var term = ParseItem(item ?? "", grammar);
            if (!term.IsSuccess)
            {
                return term.Error;
            }

            if (terms.Exists(t => t.Entity == term.Value.Entity && t.Key == term.Value.Key))
            {
                return Error.Invalid(
                    $"Invalid order_by: '{SearchGrammar.Display(term.Value.Entity, term.Value.Key)}' appears more than once; order by each field at most once.",
                    "order_by");
            }

            terms.Add(term.Value);
        }

        return terms;
    }

    private static Result<OrderByTerm> ParseItem(string item, SearchGrammar grammar)
    {
        if (string.IsNullOrWhiteSpace(item))
        {
            return Error.Invalid("Invalid order_by: an item is empty; write '<field> [ASC|DESC]'.", "order_by");
        }

        var tokens = SearchTokenizer.Tokenize(item, What);
        if (!tokens.IsSuccess)
        {
            return tokens.Error;
        }

        var cursor = new TokenCursor(tokens.Value);
        var identifier = SearchIdentifier.Read(cursor, What);
        if (!identifier.IsSuccess)
        {
            return identifier.Error;
        }

        var entity = grammar.ResolvePrefix(identifier.Value, What);
        if (!entity.IsSuccess)
        {
            return entity.Error;
        }

        var key = ResolveKey(grammar, entity.Value, identifier.Value);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var ascending = true;
        var direction = cursor.Next();
        if (direction.IsWord("DESC"))
        {
            ascending = false;
            direction = cursor.Next();
        }
        else if (direction.IsWord("ASC"))
        {
            direction = cursor.Next();
        }

        if (direction.Kind != SearchTokenKind.End)
        {
            return Error.Invalid(
                $"Invalid order_by '{item}': expected ASC, DESC or nothing after '{identifier.Value.Text}', got {direction.Describe()}.",
                "order_by");
        }

        return new OrderByTerm(entity.Value, key.Value, ascending);
    }

    private static Result<string> ResolveKey(SearchGrammar grammar, SearchEntity entity, SearchIdentifier identifier)
    {
        if (entity == SearchEntity.Attribute)
        {
            return grammar.OrderableAttributes.TryGetValue(identifier.Key, out var canonical)
                ? canonical
                : Error.Invalid(
                    $"Invalid order_by: cannot order by '{identifier.Text}'; orderable attributes are {string.Join(", ", grammar.OrderableAttributes.Values.Distinct().Order(StringComparer.Ordinal))}.",
                    "order_by");
        }

        if (grammar.OrderableKeyedEntities.Contains(entity))
        {
            return identifier.Key;
        }

        return Error.Invalid($"Invalid order_by: cannot order by '{identifier.Text}'; order by an attribute{KeyedHint(grammar)}.", "order_by");
    }

    private static string KeyedHint(SearchGrammar grammar) =>
        string.Concat(grammar.OrderableKeyedEntities.Order().Select(e => $" or {SearchGrammar.Display(e, "<key>")}"));
}
