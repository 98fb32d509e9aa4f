using System.Diagnostics;

namespace Slipway.Load.Measurements;

/// <summary>Medians of repeated timings; a warm-up call first, so JIT and cold caches stay out of the figure.</summary>
internal static class Timing
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Runs <paramref name="action"/> once untimed, then <paramref name="repeats"/> times; the median in ms.</summary>
    public static async Task<double> MedianMillisecondsAsync(int repeats, Func<Task> action)
    {
        await action();
        var samples = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return Median(samples);
    }
}
