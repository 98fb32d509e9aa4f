using System.Text.RegularExpressions;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking;

/// <summary>MLflow's name and size rules (mlflow-rest.md §1.6, §1.7); each failure names the field and the limit.</summary>
public static partial class TrackingValidation
{
    [GeneratedRegex(@"^[/\p{L}\p{Mn}\p{Nd}\p{Pc}.\- :]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[a-zA-Z0-9][\w\-]{0,255}$")]
    private static partial Regex RunIdPattern();

    public static Error? Key(string? key, string field, int maxLength = TrackingLimits.KeyLength)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Error.MissingField(field);
        }

        if (key.Contains('\0', StringComparison.Ordinal))
        {
            return Error.Invalid($"'{field}' holds a NUL character.", field);
        }

        if (key.Length > maxLength)
        {
            return Error.Invalid($"'{field}' '{Shorten(key)}' is {key.Length} characters; the limit is {maxLength}.", field);
        }

        if (!KeyPattern().IsMatch(key))
        {
            return Error.Invalid(
                $"Invalid {field} '{Shorten(key)}': names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/).",
                field);
        }

        if (!IsNormalized(key))
        {
            return Error.Invalid($"Invalid {field} '{Shorten(key)}': it must be a normalized path ('..' segments, a leading '/', '//' and './' are not allowed).", field);
        }

        return null;
    }

    public static Error? Value(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return Error.MissingField(field);
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return Error.Invalid($"'{field}' holds a NUL character.", field);
        }

        return value.Length > maxLength
            ? Error.Invalid($"'{field}' is {value.Length} characters; the limit is {maxLength}. Shorten the value.", field)
            : null;
    }

    public static Error? RunId(string? runId)
    {
        if (string.IsNullOrEmpty(runId))
        {
            return Error.MissingField("run_id");
        }

        return RunIdPattern().IsMatch(runId) ? null : Error.Invalid($"Invalid run id '{Shorten(runId)}'.", "run_id");
    }

    public static Result<long> ExperimentId(string? experimentId, string field = "experiment_id")
    {
        if (string.IsNullOrEmpty(experimentId))
        {
            return Error.MissingField(field);
        }

        return long.TryParse(experimentId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : Error.Invalid($"Invalid experiment id '{Shorten(experimentId)}': it must be a non-negative integer.", field);
    }

    private static bool IsNormalized(string key)
    {
        if (key == "." || key.StartsWith('/') || key.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is ".." or ".")
            {
                return false;
            }
        }

        return true;
    }

    internal static string Shorten(string value) => value.Length <= 64 ? value : value[..61] + "...";
}
