using Microsoft.AspNetCore.Http;

namespace Slipway.Core.Mlflow;

/// <summary>The URL space of the MLflow wire API (mlflow-rest.md §1.1).</summary>
public static class MlflowRoutes
{
    public const string Api2 = "/api/2.0/mlflow";
    public const string Api3 = "/api/3.0/mlflow";
    public const string Artifacts = "/api/2.0/mlflow-artifacts";
    public const string Ajax2 = "/ajax-api/2.0/mlflow";
    public const string AjaxArtifacts = "/ajax-api/2.0/mlflow-artifacts";

    /// <summary>Every route prefix the API is served under; /ajax-api mirrors /api exactly.</summary>
    public static readonly string[] TrackingPrefixes = [Api2, Ajax2];

    public static readonly string[] ArtifactPrefixes = [Artifacts, AjaxArtifacts];

    public static bool IsMlflowPath(PathString path) =>
        path.StartsWithSegments("/api/2.0", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/3.0", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/ajax-api", StringComparison.OrdinalIgnoreCase);
}
