namespace Slipway.Serving.Bench;

/// <summary>Per-call latencies in <see cref="System.Diagnostics.Stopwatch"/> ticks, merged from every caller, and their percentiles.</summary>
internal static class Latencies
{
    public static double PercentileMilliseconds(long[] sortedTicks, double percentile)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(percentile / 100 * sortedTicks.Length) - 1;
        return sortedTicks[Math.Clamp(index, 0, sortedTicks.Length - 1)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}
