namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// OpenTelemetry trace export (section <c>Telemetry</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// variable). Nothing is exported, and no activity is recorded, unless an endpoint is set.
/// </summary>
public sealed class TracingOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>The standard OpenTelemetry variable, read without Slipway's <c>SLIPWAY_</c> prefix.</summary>
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The OTLP collector (<c>http://collector:4317</c>); overrides <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Default none.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The endpoint to export to, or null when tracing is off: <see cref="OtlpEndpoint"/>, else the standard variable.</summary>
    public static string? Endpoint(string? configured, string? standard) =>
        !string.IsNullOrWhiteSpace(configured) ? configured.Trim()
        : !string.IsNullOrWhiteSpace(standard) ? standard.Trim()
        : null;

    /// <summary>Checks both endpoint settings at start-up; each problem names its key.</summary>
    public static IEnumerable<(string Key, string Problem)> Validate(string? configured, string? standard)
    {
        foreach (var (key, value) in new[] { ("Telemetry:OtlpEndpoint", configured), (StandardEndpointKey, standard) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !IsHttpUrl(value.Trim()))
            {
                yield return (key, $"must be an absolute http(s) URL such as 'http://127.0.0.1:4317', not '{value}'");
            }
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
}
