using System.Globalization;
using System.Text;

namespace Slipway.Serving.Bench;

/// <summary>The figures as a Markdown table: each HTTP cell beside its in-process twin, with the ratio of rows per second.</summary>
internal static class ServingReport
{
    public static string Markdown(IReadOnlyList<ServingFigure> inProcess, IReadOnlyList<ServingFigure> http, IReadOnlyList<ColdStart> coldStarts)
    {
        var text = new StringBuilder();
        text.AppendLine("| Engine | Rows/call | Callers | Path | Calls/s | Rows/s | p50 | p99 | Rows/s vs in-process |");
        text.AppendLine("|---|--:|--:|---|--:|--:|--:|--:|--:|");
        foreach (var baseline in inProcess)
        {
            Row(text, baseline, null);
            var twin = http.FirstOrDefault(h => h.Engine == baseline.Engine && h.BatchRows == baseline.BatchRows && h.Concurrency == baseline.Concurrency);
            if (twin is not null)
            {
                Row(text, twin, baseline);
            }
        }

        text.AppendLine();
        text.AppendLine("| Engine | Load | Warm-up (3 runs at 1 and 64 rows) | Resident memory added |");
        text.AppendLine("|---|--:|--:|--:|");
        foreach (var cold in coldStarts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {cold.Engine} | {cold.LoadMilliseconds:F1} ms | {cold.WarmupMilliseconds:F1} ms | {cold.ResidentBytes / (1024.0 * 1024.0):F1} MB |");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, ServingFigure figure, ServingFigure? baseline)
    {
        var ratio = baseline is null ? "" : (figure.RowsPerSecond / baseline.RowsPerSecond).ToString("P0", CultureInfo.InvariantCulture);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {figure.Engine} | {figure.BatchRows} | {figure.Concurrency} | {figure.Path} | {figure.CallsPerSecond:N0} | {figure.RowsPerSecond:N0} | {Milliseconds(figure.P50Milliseconds)} | {Milliseconds(figure.P99Milliseconds)} | {ratio} |");
    }

    private static string Milliseconds(double value) =>
        value < 1 ? $"{value * 1000:F0} µs".ToString(CultureInfo.InvariantCulture) : $"{value:F2} ms".ToString(CultureInfo.InvariantCulture);
}
