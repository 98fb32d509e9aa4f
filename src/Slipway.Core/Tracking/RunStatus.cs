namespace Slipway.Core.Tracking;

public static class RunStatus
{
    public const string Running = "RUNNING";
    public const string Scheduled = "SCHEDULED";
    public const string Finished = "FINISHED";
    public const string Failed = "FAILED";
    public const string Killed = "KILLED";

    private static readonly string[] All = [Running, Scheduled, Finished, Failed, Killed];

    /// <summary>Accepts a status by name (any case) or by its proto enum number (1 to 5).</summary>
    public static string? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (int.TryParse(value, out var number))
        {
            return number is >= 1 and <= 5 ? All[number - 1] : null;
        }

        return Array.Find(All, s => s.Equals(value, StringComparison.OrdinalIgnoreCase));
    }
}
