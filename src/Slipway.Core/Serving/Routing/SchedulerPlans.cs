using Slipway.Core.Serving.Scheduling;

namespace Slipway.Core.Serving.Routing;

/// <summary>The scheduler options a deployment's settings give its versions.</summary>
public static class SchedulerPlans
{
    public static SchedulerOptions For(DeploymentSettings settings) => new()
    {
        BatchingEnabled = settings.BatchingEnabled ?? true,
        MaxBatchSize = settings.MaxBatchSize,
        MaxQueueDelayMs = settings.MaxQueueDelayMs,
        Executors = settings.Executors,
        MaxQueue = settings.MaxQueue,
        CriticalMaxWaitMs = settings.CriticalMaxWaitMs,
        StandardMaxWaitMs = settings.StandardMaxWaitMs,
        SheddableMaxWaitMs = settings.SheddableMaxWaitMs,
    };
}
