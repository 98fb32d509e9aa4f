using System.Globalization;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// The process's resident set size, for <c>slipway_process_resident_memory_bytes</c>: the second field of
/// <c>/proc/self/statm</c> (resident pages) on Linux, <see cref="Environment.WorkingSet"/> elsewhere. Read at scrape
/// time, so the gauge is as fresh as the scrape.
/// </summary>
public static class ProcessMemory
{
    private const string Statm = "/proc/self/statm";

    public static long ResidentBytes()
    {
        try
        {
            if (File.Exists(Statm))
            {
                var fields = File.ReadAllText(Statm).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 1 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pages))
                {
                    return pages * Environment.SystemPageSize;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Environment.WorkingSet;
    }
}
