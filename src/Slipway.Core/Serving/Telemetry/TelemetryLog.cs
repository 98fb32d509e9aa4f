using Microsoft.Extensions.Logging;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// Serving telemetry logs (Serving range, 3800–3849). Never a payload: prediction records hold the callers' inputs,
/// so failures name counts, deployments and exception types only.
/// </summary>
internal static partial class TelemetryLog
{
    [LoggerMessage(EventId = 3800, Level = LogLevel.Warning, Message = "Writing {Count} prediction records failed (attempt {Attempt} of 2): {ErrorType}")]
    public static partial void PredictionBatchFailed(this ILogger logger, int count, int attempt, string errorType, Exception exception);

    [LoggerMessage(EventId = 3801, Level = LogLevel.Error, Message = "Dropped {Count} prediction records after two failed writes")]
    public static partial void PredictionBatchDropped(this ILogger logger, int count);

    [LoggerMessage(EventId = 3802, Level = LogLevel.Error, Message = "A prediction record of deployment {Deployment} could not be serialized and was dropped: {ErrorType}")]
    public static partial void PredictionRecordUnwritable(this ILogger logger, string deployment, string errorType);
}
