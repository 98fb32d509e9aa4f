using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>Page sizes of the searches (mlflow-rest.md §6.6): absent takes the default, ≤ 0 is 400, over the cap is 400 or clamped.</summary>
internal static class MaxResults
{
    public static Result<int> ForRuns(long? requested) =>
        Validate(requested, TrackingLimits.SearchDefaultMaxResults, TrackingLimits.SearchMaxResults);

    public static Result<int> ForExperiments(long? requested) =>
        Validate(requested, TrackingLimits.SearchDefaultMaxResults, TrackingLimits.SearchMaxResults);

    /// <summary>MLflow has no cap here; Slipway serves at most <see cref="TrackingLimits.LoggedModelsPageMax"/> a page instead of refusing.</summary>
    public static Result<int> ForLoggedModels(long? requested) =>
        requested > TrackingLimits.LoggedModelsPageMax
            ? TrackingLimits.LoggedModelsPageMax
            : Validate(requested, TrackingLimits.LoggedModelsDefaultMaxResults, TrackingLimits.LoggedModelsPageMax);

    /// <summary>The default when absent; 400 when ≤ 0 or above <paramref name="maximum"/>.</summary>
    public static Result<int> Validate(long? requested, int defaultValue, int maximum)
    {
        if (requested is null)
        {
            return defaultValue;
        }

        if (requested <= 0)
        {
            return Error.Invalid($"Invalid value {requested} for parameter 'max_results' supplied. It must be a positive integer.", "max_results");
        }

        if (requested > maximum)
        {
            return Error.Invalid($"Invalid value {requested} for parameter 'max_results' supplied. It must be at most {maximum}.", "max_results");
        }

        return (int)requested.Value;
    }
}
