namespace Slipway.Load.Reporting;

/// <summary>
/// bench/results/latest.md holds the tracking and registry figures first and the serving section (from
/// <c>--serving</c>) after them. Each kind of run replaces its own part and keeps the other's.
/// </summary>
internal static class ResultsFile
{
    public static async Task WriteMainAsync(string path, string markdown, CancellationToken cancellationToken)
    {
        var (_, serving) = await ReadAsync(path, cancellationToken);
        await WriteAsync(path, markdown, serving, cancellationToken);
    }

    public static async Task WriteServingAsync(string path, string section, CancellationToken cancellationToken)
    {
        var (main, _) = await ReadAsync(path, cancellationToken);
        await WriteAsync(path, main, section, cancellationToken);
    }

    private static async Task<(string Main, string Serving)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return ("", "");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var at = text.StartsWith(ServingReport.Heading + "\n", StringComparison.Ordinal) ? 0 : text.IndexOf("\n" + ServingReport.Heading + "\n", StringComparison.Ordinal);
        return at < 0 ? (text, "") : (text[..at], text[at..].TrimStart('\n'));
    }

    private static async Task WriteAsync(string path, string main, string serving, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var parts = new[] { main.TrimEnd('\n'), serving.TrimEnd('\n') }.Where(p => p.Length > 0);
        await File.WriteAllTextAsync(path, string.Join("\n\n", parts) + "\n", cancellationToken);
    }
}
