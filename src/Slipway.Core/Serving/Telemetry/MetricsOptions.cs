namespace Slipway.Core.Serving.Telemetry;

/// <summary>The <c>/metrics</c> endpoint (section <c>Serving:Metrics</c>); see docs/configuration.md.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Serving:Metrics";

    /// <summary>
    /// Serve <c>/metrics</c> without credentials. Default false: a platform admin's token is needed (for Prometheus,
    /// a token capped at READ, see docs/serving.md). Read once at start-up, when the route is mapped.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
