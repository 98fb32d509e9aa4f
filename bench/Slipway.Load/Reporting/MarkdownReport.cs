using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Slipway.Load.Reporting;

/// <summary>All providers' figures as one Markdown table, for README.md and bench/results/latest.md.</summary>
internal static class MarkdownReport
{
    public static string Render(IReadOnlyList<ProviderResult> results, bool quick, DateTimeOffset measuredAt, string? warning)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Measured {measuredAt:yyyy-MM-dd} with `bench/Slipway.Load{(quick ? " --quick" : "")}` on {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}. Ratio = Slipway ÷ baseline, both measured in the same run.");
        if (warning is not null)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**Note:** {warning}");
        }

        text.AppendLine();
        text.AppendLine("| Figure | Database | Slipway | Baseline | Ratio | Target | |");
        text.AppendLine("|---|---|--:|--:|--:|---|:-:|");
        foreach (var result in results)
        {
            if (result.SkipReason is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| *skipped: {result.SkipReason}* | {result.Database} | | | | | |");
                continue;
            }

            foreach (var f in result.Figures)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {f.Name} | {result.Database} | {f.FormattedValue} | {f.FormattedBaseline} ({f.BaselineName}) | {f.FormattedRatio} | {Escape(f.Target?.Text ?? "")} | {f.Mark} |");
            }
        }

        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
