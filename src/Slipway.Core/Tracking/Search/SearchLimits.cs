using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

public static class SearchLimits
{
    /// <summary>Applies a search's default and maximum page size (mlflow-rest.md §6.6); ≤ 0 or above the cap is a 400.</summary>
    public static Result<int> MaxResults(long? requested, int defaultValue, int maximum)
    {
        if (requested is null)
        {
            return defaultValue;
        }

        if (requested <= 0)
        {
            return Error.Invalid($"max_results must be a positive integer, not {requested}.", "max_results");
        }

        return requested > maximum
            ? Error.Invalid($"max_results {requested} is above the limit of {maximum}; page through the results instead.", "max_results")
            : (int)requested.Value;
    }
}
