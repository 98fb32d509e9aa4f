namespace Slipway.Core.Serving.Telemetry;

/// <summary>The <c>/metrics</c> endpoint (section <c>Serving:Metrics</c>); see docs/configuration.md.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Serving:Metrics";

    /// <summary>
    /// Serve <c>/metrics</c> without credentials. Default false: an unrestricted platform admin's token is needed (a
    /// token bound to a workspace or capped below MANAGE is refused, as on every platform route). Read once at
    /// start-up, when the route is mapped; see docs/serving.md for scraping.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
