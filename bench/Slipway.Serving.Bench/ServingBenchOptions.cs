namespace Slipway.Serving.Bench;

/// <summary>The command line: <c>[--duration SECONDS] [--quick] [--http] [--out FILE]</c>.</summary>
internal sealed record ServingBenchOptions(TimeSpan Duration, bool Http, string? OutputPath)
{
    public const string Usage = "usage: dotnet run -c Release --project bench/Slipway.Serving.Bench -- [--duration SECONDS] [--quick] [--http] [--out FILE]";

    /// <summary>Batch sizes of one call: a single row, and the default <c>max_batch_size</c> (serving spec §4.1).</summary>
    public static readonly IReadOnlyList<int> BatchSizes = [1, 64];

    /// <summary>Concurrent callers: one, and the 32 connections of the target.</summary>
    public static readonly IReadOnlyList<int> Concurrency = [1, 32];

    /// <summary>Warm-up before each measured cell, so JIT, ONNX Runtime's arenas and caches are settled.</summary>
    public TimeSpan Warmup => Duration < TimeSpan.FromSeconds(2) ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(1);

    public static ServingBenchOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var duration = TimeSpan.FromSeconds(10);
        var http = false;
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    duration = TimeSpan.FromSeconds(1);
                    break;
                case "--duration" when i + 1 < args.Count && double.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    duration = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case "--http":
                    http = true;
                    break;
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "-h" or "--help":
                    error.WriteLine(Usage);
                    return null;
                default:
                    error.WriteLine($"Unknown argument '{args[i]}'.");
                    error.WriteLine(Usage);
                    return null;
            }
        }

        return new ServingBenchOptions(duration, http, output);
    }
}
