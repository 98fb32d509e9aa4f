using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Parses a filter string into a <see cref="SearchFilter"/> (mlflow-rest.md §6.1):
/// <c>clause (AND clause)*</c>, <c>clause := identifier comparator value</c>. Types and comparators are checked
/// against the grammar, so a compiler never sees a clause it cannot compile.
/// </summary>
internal static class FilterParser
{
    private const string What = "filter";

    /// <summary>The longest filter accepted, in characters; it bounds the number of SQL parameters on both databases.</summary>
    public const int MaxFilterLength = 65_536;

    /// <summary>The most AND-joined clauses; SQLite refuses expression trees deeper than 1,000.</summary>
    public const int MaxClauses = 100;

    /// <summary>The most items of one IN or NOT IN list.</summary>
    public const int MaxListItems = 1000;

    public static Result<SearchFilter> Parse(string? filter, SearchGrammar grammar)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return SearchFilter.Empty;
        }

        if (filter.Length > MaxFilterLength)
        {
            return Error.Invalid($"Invalid filter: it is {filter.Length} characters; the limit is {MaxFilterLength}.", "filter");
        }

        var tokens = SearchTokenizer.Tokenize(filter, What);
        if (!tokens.IsSuccess)
        {
            return tokens.Error;
        }

        // OR can only ever be a misplaced keyword (no attribute is called "or"), so it is refused wherever it stands.
        if (tokens.Value.Where(t => t.IsWord("OR")).Select(t => (SearchToken?)t).FirstOrDefault() is { } orToken)
        {
            return Error.Invalid($"Invalid clause(s) in filter: '{orToken.Raw}' at position {orToken.Start} is not supported; join clauses with AND.", "filter");
        }

        var cursor = new TokenCursor(tokens.Value);
        var comparisons = new List<Comparison>();
        while (true)
        {
            var clause = ParseClause(cursor, grammar);
            if (!clause.IsSuccess)
            {
                return clause.Error;
            }

            comparisons.Add(clause.Value);
            if (comparisons.Count > MaxClauses)
            {
                return Error.Invalid($"Invalid filter: it has more than {MaxClauses} clauses.", "filter");
            }

            var next = cursor.Next();
            if (next.Kind == SearchTokenKind.End)
            {
                return new SearchFilter(comparisons);
            }

            if (!next.IsWord("AND"))
            {
                return Error.Invalid(
                    $"Invalid clause(s) in filter: expected AND or the end of the filter after '{Describe(clause.Value)}', got {next.Describe()} at position {next.Start}.", "filter");
            }

            if (cursor.Current.Kind == SearchTokenKind.End)
            {
                return Error.Invalid("Invalid clause(s) in filter: expected a clause after the final AND.", "filter");
            }
        }
    }

    private static Result<Comparison> ParseClause(TokenCursor cursor, SearchGrammar grammar)
    {
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

        var field = grammar.ResolveField(entity.Value, identifier.Value, What);
        if (!field.IsSuccess)
        {
            return field.Error;
        }

        var comparator = ParseComparator(cursor, identifier.Value.Text, field.Value);
        if (!comparator.IsSuccess)
        {
            return comparator.Error;
        }

        var value = ParseValue(cursor, identifier.Value.Text, field.Value, comparator.Value);
        if (!value.IsSuccess)
        {
            return value.Error;
        }

        return new Comparison(entity.Value, field.Value.Key, comparator.Value, value.Value);
    }

    private static Result<Comparator> ParseComparator(TokenCursor cursor, string identifier, SearchField field)
    {
        var token = cursor.Next();
        var allowed = $"comparators allowed for '{identifier}' are {Comparators.List(field.Comparators)}";
        Comparator? comparator = token switch
        {
            { Kind: SearchTokenKind.Operator } => Comparators.FromSymbol(token.Text),
            _ when token.IsWord("LIKE") => Comparator.Like,
            _ when token.IsWord("ILIKE") => Comparator.ILike,
            _ when token.IsWord("IN") => Comparator.In,
            _ when token.IsWord("NOT") && cursor.Current.IsWord("IN") => Comparator.NotIn,
            _ => null,
        };
        if (comparator is null)
        {
            var got = token.IsWord("NOT") ? $"'{token.Raw} {cursor.Current.Raw}'".TrimEnd() : token.Describe();
            return Error.Invalid($"Invalid filter: expected a comparator after '{identifier}', got {got}; {allowed}.", "filter");
        }

        if (comparator == Comparator.NotIn)
        {
            cursor.Next();
        }

        if (!field.Comparators.Contains(comparator.Value))
        {
            return Error.Invalid($"Invalid filter: comparator '{comparator.Value.Text()}' is not allowed for '{identifier}'; {allowed}.", "filter");
        }

        return comparator.Value;
    }

    private static Result<SearchValue> ParseValue(TokenCursor cursor, string identifier, SearchField field, Comparator comparator)
    {
        if (comparator is Comparator.In or Comparator.NotIn)
        {
            return ParseList(cursor, identifier, comparator);
        }

        var token = cursor.Next();
        var clause = $"'{identifier} {comparator.Text()}'";
        if (field.Type == SearchValueType.Number)
        {
            if (token.Kind == SearchTokenKind.Word && SearchValue.ParseNumber(token.Text) is { } number)
            {
                return number;
            }

            return Error.Invalid($"Invalid filter: {clause} needs an unquoted number such as 0.5 or -3, got {token.Describe()}.", "filter");
        }

        if (token.IsString)
        {
            return new SearchValue.Quoted(token.Text);
        }

        return Error.Invalid($"Invalid filter: {clause} needs a string in single or double quotes, got {token.Describe()}.", "filter");
    }

    private static Result<SearchValue> ParseList(TokenCursor cursor, string identifier, Comparator comparator)
    {
        var clause = $"'{identifier} {comparator.Text()}'";
        var open = cursor.Next();
        if (open.Kind != SearchTokenKind.OpenParen)
        {
            return Error.Invalid($"Invalid filter: {clause} needs a parenthesised list of quoted strings such as ('a', 'b'), got {open.Describe()}.", "filter");
        }

        var items = new List<string>();
        while (true)
        {
            var item = cursor.Next();
            if (!item.IsString)
            {
                return Error.Invalid($"Invalid filter: the list of {clause} holds quoted strings only, got {item.Describe()}.", "filter");
            }

            items.Add(item.Text);
            if (items.Count > MaxListItems)
            {
                return Error.Invalid($"Invalid filter: the list of {clause} holds more than {MaxListItems} items.", "filter");
            }

            var separator = cursor.Next();
            if (separator.Kind == SearchTokenKind.CloseParen)
            {
                return new SearchValue.QuotedList(items);
            }

            if (separator.Kind != SearchTokenKind.Comma)
            {
                return Error.Invalid($"Invalid filter: expected ',' or ')' in the list of {clause}, got {separator.Describe()}.", "filter");
            }
        }
    }

    private static string Describe(Comparison comparison) =>
        $"{SearchGrammar.Display(comparison.Entity, comparison.Key)} {comparison.Comparator.Text()} {comparison.Value}";
}
