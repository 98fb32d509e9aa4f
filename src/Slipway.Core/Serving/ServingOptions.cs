namespace Slipway.Core.Serving;

/// <summary>
/// Server-wide serving settings (section <c>Serving</c>); per-deployment settings live in the deployment itself
/// (docs/serving.md). Defaults follow serving spec §3.6 and §5.
/// </summary>
public sealed class ServingOptions
{
    /// <summary>How often deployments and aliases are re-read from the database (other replicas' changes, missed signals).</summary>
    public double ReconcileSeconds { get; set; } = 5;

    /// <summary>How often idle, replaced and over-budget versions are looked for.</summary>
    public double SweepSeconds { get; set; } = 5;

    /// <summary>Default idle time after which a version that is not kept warm is unloaded (a deployment may set its own).</summary>
    public double IdleUnloadAfterSeconds { get; set; } = 1800;

    /// <summary>Resident memory all loaded versions may add together; 0 = no budget. Over it, least-recently-used versions are evicted.</summary>
    public long MemoryBudgetBytes { get; set; }

    public double LoadTimeoutSeconds { get; set; } = 120;

    public double WarmupTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a request waits for a lazy load before 503 <c>MODEL_LOADING</c>.</summary>
    public double ColdStartTimeoutSeconds { get; set; } = 30;

    /// <summary>Requests that may wait for one lazy load; more get 503 <c>MODEL_LOADING</c> at once.</summary>
    public int MaxColdWaiters { get; set; } = 100;

    /// <summary>How long a replaced version stays loaded for a quick rollback.</summary>
    public double RollbackGraceSeconds { get; set; } = 300;

    /// <summary>How long a switch waits for the old version's queued and running requests.</summary>
    public double DrainTimeoutSeconds { get; set; } = 30;

    /// <summary>A version reloaded more often than this in an hour is kept loaded (pinned) instead of unloaded again.</summary>
    public int MaxReloadsPerHour { get; set; } = 6;

    /// <summary>First and longest wait before retrying a failed alias switch.</summary>
    public double SwitchRetryMinSeconds { get; set; } = 5;

    public double SwitchRetryMaxSeconds { get; set; } = 300;
}
