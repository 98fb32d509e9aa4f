using System.Diagnostics;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// The serving plane's trace source. The inference pipeline starts an <c>inference</c> activity per request on it;
/// activities are only recorded when tracing is exported (<see cref="TracingOptions"/>), otherwise
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and costs next to nothing.
/// </summary>
public static class ServingTelemetry
{
    public const string SourceName = "Slipway.Serving";

    public static ActivitySource ActivitySource { get; } = new(SourceName);
}
