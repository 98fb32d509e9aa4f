using System.Text;

namespace Slipway.Load.Reporting;

/// <summary>One provider's figures as an aligned text table.</summary>
internal static class ConsoleTable
{
    private static readonly string[] Headers = ["Figure", "Slipway", "Baseline", "Ratio", "Baseline is", "Target", ""];
    private static readonly bool[] RightAligned = [false, true, true, true, false, false, false];

    public static string Render(ProviderResult result)
    {
        var rows = result.Figures
            .Select(f => (IReadOnlyList<string>)[f.Name, f.FormattedValue, f.FormattedBaseline, f.FormattedRatio, f.BaselineName, f.Target?.Text ?? "", f.Mark])
            .ToList();
        return new StringBuilder().AppendLine().AppendLine($"== {result.Database} ==").Append(TextTable.Render(Headers, rows, RightAligned)).ToString();
    }
}
