namespace Slipway.Core.Tracking.Search;

/// <summary>
/// Writes <c>column comparator value</c> with the value bound as a parameter, the same text for SQLite and
/// PostgreSQL. LIKE is case-sensitive on both (SQLite connections set <c>case_sensitive_like</c>); ILIKE is
/// <c>lower(x) LIKE lower(@p)</c>. The grammar has no LIKE escape character, but PostgreSQL treats <c>\</c> as
/// one by default, so both sides get <c>ESCAPE '\'</c> and every backslash of the pattern is doubled: a
/// backslash then matches itself on both databases.
/// </summary>
internal static class SqlComparison
{
    public static string For(string column, Comparator comparator, SearchValue value, SqlColumnType columnType, SqlParameterBuilder parameters)
    {
        switch (comparator)
        {
            case Comparator.In or Comparator.NotIn:
                var items = ((SearchValue.QuotedList)value).Items.Select(i => parameters.Add(i));
                return $"{column} {(comparator == Comparator.In ? "IN" : "NOT IN")} ({string.Join(", ", items)})";
            case Comparator.Like:
                return $"{column} LIKE {parameters.Add(LikePattern(value))} ESCAPE '\\'";
            case Comparator.ILike:
                return $"lower({column}) LIKE lower({parameters.Add(LikePattern(value))}) ESCAPE '\\'";
            default:
                return $"{column} {Operator(comparator)} {parameters.Add(Bind(value, columnType))}";
        }
    }

    private static string Operator(Comparator comparator) => comparator switch
    {
        Comparator.Equal => "=",
        Comparator.NotEqual => "<>",
        Comparator.Greater => ">",
        Comparator.GreaterOrEqual => ">=",
        Comparator.Less => "<",
        Comparator.LessOrEqual => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, "not a scalar comparator"),
    };

    private static string LikePattern(SearchValue value) => ((SearchValue.Quoted)value).Value.Replace("\\", "\\\\", StringComparison.Ordinal);

    private static object Bind(SearchValue value, SqlColumnType columnType) => value switch
    {
        SearchValue.Quoted quoted => quoted.Value,
        SearchValue.Numeric { Integer: { } integer } when columnType == SqlColumnType.Integer => integer,
        SearchValue.Numeric number => number.Value,
        _ => throw new ArgumentException($"{value} is not a scalar value", nameof(value)),
    };
}
