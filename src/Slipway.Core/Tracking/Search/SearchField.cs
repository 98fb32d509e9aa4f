namespace Slipway.Core.Tracking.Search;

/// <summary>A comparable field of the grammar: its canonical key, value type and allowed comparators.</summary>
internal sealed record SearchField(string Key, SearchValueType Type, IReadOnlyList<Comparator> Comparators)
{
    public static SearchField Number(string key) => new(key, SearchValueType.Number, Search.Comparators.Numeric);

    public static SearchField String(string key) => new(key, SearchValueType.String, Search.Comparators.String);

    public static SearchField StringOrList(string key) => new(key, SearchValueType.String, Search.Comparators.StringOrList);
}
