namespace Slipway.Core.Tracking.Search;

/// <summary>The comparator sets of the grammar tables (mlflow-rest.md §6.2, §6.3, §6.5) and their spelling.</summary>
internal static class Comparators
{
    public static IReadOnlyList<Comparator> Numeric { get; } =
        [Comparator.Equal, Comparator.NotEqual, Comparator.Greater, Comparator.GreaterOrEqual, Comparator.Less, Comparator.LessOrEqual];

    public static IReadOnlyList<Comparator> String { get; } = [Comparator.Equal, Comparator.NotEqual, Comparator.Like, Comparator.ILike];

    public static IReadOnlyList<Comparator> StringOrList { get; } = [.. String, Comparator.In, Comparator.NotIn];

    public static string Text(this Comparator comparator) => comparator switch
    {
        Comparator.Equal => "=",
        Comparator.NotEqual => "!=",
        Comparator.Greater => ">",
        Comparator.GreaterOrEqual => ">=",
        Comparator.Less => "<",
        Comparator.LessOrEqual => "<=",
        Comparator.Like => "LIKE",
        Comparator.ILike => "ILIKE",
        Comparator.In => "IN",
        Comparator.NotIn => "NOT IN",
        _ => throw new ArgumentOutOfRangeException(nameof(comparator), comparator, null),
    };

    public static string List(IEnumerable<Comparator> comparators) => string.Join(", ", comparators.Select(Text));

    /// <summary>The symbolic comparators; the word ones (LIKE, ILIKE, IN, NOT IN) are read by the parser.</summary>
    public static Comparator? FromSymbol(string symbol) => symbol switch
    {
        "=" => Comparator.Equal,
        "!=" => Comparator.NotEqual,
        ">" => Comparator.Greater,
        ">=" => Comparator.GreaterOrEqual,
        "<" => Comparator.Less,
        "<=" => Comparator.LessOrEqual,
        _ => null,
    };
}
