using System.Text;

namespace Slipway.Load.Reporting;

/// <summary>Rows of cells as aligned plain text: a header line, a rule, then one line per row.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<bool> rightAligned)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths, rightAligned);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))).TrimEnd());
        foreach (var row in rows)
        {
            Line(text, row, widths, rightAligned);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string> cells, int[] widths, IReadOnlyList<bool> right)
    {
        var padded = cells.Select((c, i) => right[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
        text.AppendLine(string.Join("  ", padded).TrimEnd());
    }
}
