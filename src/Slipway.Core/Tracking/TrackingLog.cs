using Microsoft.Extensions.Logging;

namespace Slipway.Core.Tracking;

/// <summary>Tracking's log events (EventIds 1000–1999). Values that may hold secrets (params, tags) are never logged.</summary>
internal static partial class TrackingLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Experiment {ExperimentId} '{ExperimentName}' created")]
    public static partial void ExperimentCreated(this ILogger logger, long experimentId, string experimentName);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Experiment {ExperimentId} moved to {LifecycleStage} with its runs")]
    public static partial void ExperimentLifecycleChanged(this ILogger logger, long experimentId, string lifecycleStage);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Run {RunId} created in experiment {ExperimentId}")]
    public static partial void RunCreated(this ILogger logger, string runId, long experimentId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Run {RunId} moved to {LifecycleStage}")]
    public static partial void RunLifecycleChanged(this ILogger logger, string runId, string lifecycleStage);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Run {RunId} logged {Metrics} metrics, {Params} params and {Tags} tags")]
    public static partial void BatchLogged(this ILogger logger, string runId, int metrics, int @params, int tags);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "A batch for run {RunId} was refused ({Reason})")]
    public static partial void BatchRefused(this ILogger logger, string? runId, string reason);
}
