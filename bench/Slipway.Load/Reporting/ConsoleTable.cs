using System.Text;

namespace Slipway.Load.Reporting;

/// <summary>One provider's figures as an aligned text table.</summary>
internal static class ConsoleTable
{
    private static readonly string[] Headers = ["Figure", "Slipway", "Baseline", "Ratio", "Baseline is", "Target", ""];

    public static string Render(ProviderResult result)
    {
        var rows = result.Figures
            .Select(f => new[] { f.Name, f.FormattedValue, f.FormattedBaseline, f.FormattedRatio, f.BaselineName, f.Target?.Text ?? "", f.Mark })
            .ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var right = new[] { false, true, true, true, false, false, false };
        var text = new StringBuilder();
        text.AppendLine().AppendLine($"== {result.Database} ==");
        Line(text, Headers, widths, right);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
        foreach (var row in rows)
        {
            Line(text, row, widths, right);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells, int[] widths, bool[] right)
    {
        var padded = cells.Select((c, i) => right[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        text.AppendLine(string.Join("  ", padded).TrimEnd());
    }
}
