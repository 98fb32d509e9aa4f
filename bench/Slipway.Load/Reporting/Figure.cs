namespace Slipway.Load.Reporting;

internal enum Unit
{
    Milliseconds,
    Megabytes,
    PointsPerSecond,
    PerSecond,
}

/// <summary>One measured figure beside its baseline from the same run; the ratio is Slipway ÷ baseline.</summary>
internal sealed record Figure(string Name, Unit Unit, double Value, double Baseline, string BaselineName, Target? Target = null)
{
    public double Ratio => Value / Baseline;

    public bool? Met => Target?.IsMet(this);

    public string FormattedValue => Format(Value);

    public string FormattedBaseline => Format(Baseline);

    public string FormattedRatio => Ratio.ToString(Ratio >= 10 ? "F1" : "F2", System.Globalization.CultureInfo.InvariantCulture) + "×";

    public string Mark => Met switch
    {
        true => "✓",
        false => "✗",
        null => "",
    };

    private string Format(double value) => Unit switch
    {
        Unit.Milliseconds => value < 10 ? $"{value:F2} ms" : value < 100 ? $"{value:F1} ms" : $"{value:F0} ms",
        Unit.Megabytes => $"{value:F0} MB",
        Unit.PointsPerSecond => $"{value:N0} pts/s",
        Unit.PerSecond => $"{value:N0} /s",
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
