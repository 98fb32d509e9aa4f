namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// The process's resident memory, for a loaded model's footprint (RSS delta over load and warm-up, serving spec §5).
/// Native engines allocate outside the managed heap, so GC figures would miss most of it.
/// </summary>
public static class ProcessMemory
{
    /// <summary>Resident set size in bytes: <c>/proc/self/statm</c> on Linux, else <see cref="Environment.WorkingSet"/>.</summary>
    public static long ResidentBytes()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // statm: size resident shared text lib data dt, in pages.
                var fields = File.ReadAllText("/proc/self/statm").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 1 && long.TryParse(fields[1], System.Globalization.CultureInfo.InvariantCulture, out var pages))
                {
                    return pages * Environment.SystemPageSize;
                }
            }
            catch (IOException)
            {
                // Fall through to the portable figure.
            }
        }

        return Environment.WorkingSet;
    }
}
