namespace Slipway.Core.Tracking.LoggedModels;

public static class LoggedModelStatus
{
    public const string Unspecified = "LOGGED_MODEL_STATUS_UNSPECIFIED";
    public const string Pending = "LOGGED_MODEL_PENDING";
    public const string Ready = "LOGGED_MODEL_READY";
    public const string UploadFailed = "LOGGED_MODEL_UPLOAD_FAILED";

    private static readonly string[] ByNumber = [Unspecified, Pending, Ready, UploadFailed];

    public static string? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (int.TryParse(value, out var number))
        {
            return number is >= 0 and <= 3 ? ByNumber[number] : null;
        }

        return Array.Find(ByNumber, s => s.Equals(value, StringComparison.OrdinalIgnoreCase));
    }
}
