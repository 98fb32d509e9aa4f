using Microsoft.Extensions.Logging;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>The scheduler's log events (EventIds 3400–3499, within Serving's 3000–3999). Never input values.</summary>
internal static partial class SchedulingLog
{
    [LoggerMessage(EventId = 3400, Level = LogLevel.Error, Message = "Inference failed for model {Model} version {Version} on a request of {Rows} rows (error id {ErrorId})")]
    public static partial void InferenceFailed(this ILogger logger, Exception exception, string model, string version, int rows, string errorId);

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning,
        Message = "A merged run of {Requests} requests ({Rows} rows) failed for model {Model} version {Version}; its requests are retried apart")]
    public static partial void MergedRunFailed(this ILogger logger, Exception exception, string model, string version, int requests, int rows);
}
