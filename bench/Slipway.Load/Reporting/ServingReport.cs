using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Slipway.Load.Measurements;

namespace Slipway.Load.Reporting;

/// <summary>The serving figures as an aligned text table for the console and as the Markdown section of bench/results/latest.md.</summary>
internal static class ServingReport
{
    public const string Heading = "## Serving";

    private static readonly string[] Headers =
        ["Model", "Rows/request", "Connections", "Req/s", "Rows/s", "p50", "p99", "Server CPU/request", "In-process rows/s", "In-process p50", "In-process p99", "Ratio", "Target", ""];

    private static readonly bool[] RightAligned = [false, true, true, true, true, true, true, true, true, true, true, true, false, false];

    public static string Console(ServingResult result)
    {
        var rows = result.Rows.Select(Cells).ToList();
        var text = new StringBuilder().AppendLine().AppendLine($"== Serving (OIP v2 over HTTP with wrk; baseline: {InProcessOnnx.Name}, threads = connections) ==");
        text.Append(TextTable.Render(Headers, rows, RightAligned));
        text.AppendLine();
        foreach (var line in LoadLines(result))
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    public static string Markdown(ServingResult result, bool quick, DateTimeOffset measuredAt, string? warning)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Measured {measuredAt:yyyy-MM-dd} with `bench/Slipway.Load --serving{(quick ? " --quick" : "")}` on {Environment.ProcessorCount} cores, " +
            $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {result.WrkVersion}. " +
            $"Slipway: `POST /v2/models/{{deployment}}/infer` (OIP v2 JSON, admin token) on SQLite, one deployment per model with its defaults " +
            $"(batching up to 64 rows, prediction log on), driven by wrk on loopback " +
            $"(closed loop, keep-alive; wrk shares the cores with the server). Baseline: the same ONNX graph through {InProcessOnnx.Name} " +
            $"(one shared `InferenceSession`, `OrtValue` inputs built once, one intra-op thread) from as many threads as connections, " +
            $"in the same run. Ratio = Slipway rows/s ÷ in-process rows/s; the ML.NET model is compared with the ONNX baseline too.");
        if (warning is not null)
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"**Note:** {warning}");
        }

        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", Headers) + " |");
        text.AppendLine("|" + string.Join("|", RightAligned.Select(r => r ? "--:" : "---")) + "|");
        foreach (var row in result.Rows)
        {
            text.AppendLine("| " + string.Join(" | ", Cells(row).Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |");
        }

        text.AppendLine();
        foreach (var line in LoadLines(result))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        return text.ToString();
    }

    private static IReadOnlyList<string> Cells(ServingRow row)
    {
        var baseline = new[] { Rate(row.Baseline.RowsPerSecond), Milliseconds(row.Baseline.P50Milliseconds), Milliseconds(row.Baseline.P99Milliseconds) };
        var request = new[] { row.Model, row.Slipway.Rows.ToString(CultureInfo.InvariantCulture), row.Slipway.Connections.ToString(CultureInfo.InvariantCulture) };
        if (row.Slipway.Failure is not null)
        {
            return [.. request, "FAILED", "", "", "", "", .. baseline, "", "failed: see below", "✗"];
        }

        return
        [
            .. request,
            Rate(row.Slipway.RequestsPerSecond),
            Rate(row.Slipway.RowsPerSecond),
            Milliseconds(row.Slipway.P50Milliseconds),
            Milliseconds(row.Slipway.P99Milliseconds),
            Milliseconds(row.ServerCpuMilliseconds),
            .. baseline,
            (row.Ratio * 100).ToString(row.Ratio < 0.1 ? "F1" : "F0", CultureInfo.InvariantCulture) + "%",
            row.TargetText ?? "",
            row.Met switch { true => "✓", false => "✗", null => "" },
        ];
    }

    private static IEnumerable<string> LoadLines(ServingResult result)
    {
        foreach (var row in result.Rows.Where(r => r.Slipway.Failure is not null))
        {
            yield return $"FAILED: {row.Model}, {row.Slipway.Rows} row(s) per request, {row.Slipway.Connections} connection(s): {Shorten(row.Slipway.Failure!)}";
        }

        foreach (var load in result.Loads)
        {
            var memory = load.MemoryBytes is { } bytes ? $"{bytes / 1048576.0:F1} MB (slipway_model_memory_bytes)" : "not reported in /metrics";
            yield return $"{load.Model}: cold start (deployment created → ready) {load.ColdStart.TotalSeconds:F2} s; memory {memory}.";
        }

        var floor = result.Floor;
        yield return $"HTTP floor on the same server: GET /health/live from {floor.Wrk.Connections} connections answers {Rate(floor.Wrk.RequestsPerSecond)} req/s " +
            $"(p50 {Milliseconds(floor.Wrk.P50Milliseconds)}, p99 {Milliseconds(floor.Wrk.P99Milliseconds)}) for {Milliseconds(floor.ServerCpuMilliseconds)} of server CPU per request.";
        yield return $"Server RSS {result.IdleMegabytes:F0} MB before the deployments, {result.LoadedMegabytes:F0} MB with both models loaded and after the load.";
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Milliseconds(double value) =>
        double.IsNaN(value) ? "n/a"
        : value < 0.1 ? (value * 1000).ToString("F1", CultureInfo.InvariantCulture) + " µs"
        : value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";
}
