using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Search;

/// <summary>MLflow's ViewType: which lifecycle stages a search returns.</summary>
public enum ViewType
{
    ActiveOnly = 1,
    DeletedOnly = 2,
    All = 3,
}

public static class ViewTypes
{
    public static Result<ViewType> Parse(string? value, string field) => value?.ToUpperInvariant() switch
    {
        null or "" or "ACTIVE_ONLY" or "1" => ViewType.ActiveOnly,
        "DELETED_ONLY" or "2" => ViewType.DeletedOnly,
        "ALL" or "3" => ViewType.All,
        _ => Error.Invalid($"Invalid {field} '{value}': use ACTIVE_ONLY, DELETED_ONLY or ALL.", field),
    };

    /// <summary>The SQL condition on a lifecycle_stage column; the stage names are constants, not user text.</summary>
    public static string Condition(ViewType viewType, string column) => viewType switch
    {
        ViewType.ActiveOnly => $"{column} = 'active'",
        ViewType.DeletedOnly => $"{column} = 'deleted'",
        _ => "1 = 1",
    };
}
