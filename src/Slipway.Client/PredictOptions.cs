namespace Slipway.Client;

/// <summary>
/// How <see cref="DeploymentsClient.PredictAsync"/> sends a request: the body's media type (default
/// <c>application/json</c>; <c>text/csv</c> for CSV on the MLflow protocol), an explicit registry version (bypasses the
/// route weights and needs the direct-version permission), and a priority tier (<c>critical</c>, <c>standard</c>,
/// <c>sheddable</c>; never above the token's maximum).
/// </summary>
public sealed record PredictOptions
{
    /// <summary>The Content-Type of the body; the default is <c>application/json</c>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>A registry version to call directly instead of the routes; null follows the routes.</summary>
    public int? Version { get; init; }

    /// <summary>The tier for this request (<c>X-Slipway-Priority</c>); null takes the token's default.</summary>
    public string? Priority { get; init; }
}
