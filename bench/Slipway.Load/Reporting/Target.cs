namespace Slipway.Load.Reporting;

/// <summary>A goal a figure is checked against, with the text printed in the Target column.</summary>
internal sealed record Target(string Text, Func<Figure, bool> IsMet)
{
    public static Target Below(double limit, string text) => new(text, f => f.Value < limit);

    /// <summary>At least <paramref name="minimum"/> and at least <paramref name="ratio"/> of the baseline.</summary>
    public static Target AtLeast(double minimum, double ratio, string text) => new(text, f => f.Value >= minimum && f.Ratio >= ratio);
}
