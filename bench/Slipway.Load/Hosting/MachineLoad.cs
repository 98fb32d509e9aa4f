using System.Globalization;

namespace Slipway.Load.Hosting;

/// <summary>
/// The one-minute load average from <c>/proc/loadavg</c>. Figures taken while other work holds the cores are low
/// in absolute terms (the ratios suffer less, since each baseline runs beside its figure); the report says so.
/// </summary>
internal static class MachineLoad
{
    public static double? OneMinuteAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A warning when the machine was busier than its cores before or during the run, else null.</summary>
    public static string? Warning(double? before, double? after)
    {
        var busiest = Math.Max(before ?? 0, after ?? 0);
        return busiest > Environment.ProcessorCount
            ? $"The load average was {before:F1} before and {after:F1} after the run on {Environment.ProcessorCount} cores: other work shared the machine, so absolute figures are low; the ratios are steadier."
            : null;
    }
}
