namespace Slipway.Core.Tracking.Search;

/// <summary>Collects the values of one compiled search and hands out their names: @p0, @p1, …</summary>
internal sealed class SqlParameterBuilder
{
    private readonly List<SqlParameterValue> values = [];

    public IReadOnlyList<SqlParameterValue> Values => values;

    public string Add(object value)
    {
        var name = "@p" + values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        values.Add(new SqlParameterValue(name, value));
        return name;
    }
}
