using Slipway.Contracts.Serving;
using Slipway.Core.Serving.Deployments;
using Slipway.Core.Serving.Scheduling;

namespace Slipway.Core.Serving.Routing;

/// <summary>
/// A deployment's settings with the defaults filled in (serving spec §3.1, §4.1, §5, §6, §7.2); the stored spec keeps
/// only what was given, so that defaults can change without rewriting deployments.
/// </summary>
public sealed record DeploymentSettings
{
    public const string DefaultStickyHeader = DeploymentLimits.DefaultStickyHeader;

    public string StickyHeader { get; init; } = DefaultStickyHeader;

    public string? StickyJsonField { get; init; }

    public int MaxQueue { get; init; } = DeploymentLimits.DefaultMaxQueue;

    public int DeadlineMs { get; init; } = DeploymentLimits.DefaultDeadlineMs;

    public long MaxRequestBytes { get; init; } = DeploymentLimits.DefaultMaxRequestBytes;

    public int MaxRowsPerRequest { get; init; } = DeploymentLimits.DefaultMaxRowsPerRequest;

    /// <summary>Null: on when the model is batchable.</summary>
    public bool? BatchingEnabled { get; init; }

    public int MaxBatchSize { get; init; } = DeploymentLimits.DefaultMaxBatchSize;

    public int MaxQueueDelayMs { get; init; }

    public int Executors { get; init; } = Environment.ProcessorCount;

    public double CriticalShare { get; init; } = 1;

    public double StandardShare { get; init; } = 1;

    public double SheddableShare { get; init; } = 1;

    /// <summary>Projected queue wait above which a tier is shed; null never.</summary>
    public int? CriticalMaxWaitMs { get; init; }

    public int? StandardMaxWaitMs { get; init; } = 500;

    public int? SheddableMaxWaitMs { get; init; } = 100;

    public double LogSamplePercent { get; init; } = 100;

    public TimeSpan IdleUnloadAfter { get; init; }

    public bool ColdStartWait { get; init; } = true;

    public bool Strict { get; init; }

    public bool AllowNonFinite { get; init; }

    public static DeploymentSettings From(DeploymentSpec spec, TimeSpan defaultIdleUnload)
    {
        var settings = new DeploymentSettings { IdleUnloadAfter = defaultIdleUnload };
        if (spec.StickyKey is { } sticky)
        {
            settings = settings with { StickyHeader = string.IsNullOrEmpty(sticky.Header) ? DefaultStickyHeader : sticky.Header, StickyJsonField = sticky.JsonField };
        }

        if (spec.Limits is { } limits)
        {
            settings = settings with
            {
                MaxQueue = limits.MaxQueue ?? settings.MaxQueue,
                DeadlineMs = limits.DeadlineMs ?? settings.DeadlineMs,
                MaxRequestBytes = limits.MaxRequestBytes ?? settings.MaxRequestBytes,
                MaxRowsPerRequest = limits.MaxRowsPerRequest ?? settings.MaxRowsPerRequest,
            };
        }

        if (spec.Batching is { } batching)
        {
            settings = settings with
            {
                BatchingEnabled = batching.Enabled,
                MaxBatchSize = batching.MaxBatchSize ?? settings.MaxBatchSize,
                MaxQueueDelayMs = batching.MaxQueueDelayMs ?? settings.MaxQueueDelayMs,
                Executors = batching.Executors ?? settings.Executors,
            };
        }

        if (spec.Tiers is { } tiers)
        {
            if (tiers.TryGetValue("critical", out var critical))
            {
                settings = settings with { CriticalShare = critical.MaxInFlightShare ?? 1, CriticalMaxWaitMs = critical.MaxWaitMs ?? settings.CriticalMaxWaitMs };
            }

            if (tiers.TryGetValue("standard", out var standard))
            {
                settings = settings with { StandardShare = standard.MaxInFlightShare ?? 1, StandardMaxWaitMs = standard.MaxWaitMs ?? settings.StandardMaxWaitMs };
            }

            if (tiers.TryGetValue("sheddable", out var sheddable))
            {
                settings = settings with { SheddableShare = sheddable.MaxInFlightShare ?? 1, SheddableMaxWaitMs = sheddable.MaxWaitMs ?? settings.SheddableMaxWaitMs };
            }
        }

        if (spec.Log?.SamplePercent is { } sample)
        {
            settings = settings with { LogSamplePercent = sample };
        }

        if (spec.Lifecycle is { } lifecycle)
        {
            settings = settings with
            {
                IdleUnloadAfter = lifecycle.IdleUnloadAfterSeconds is { } idle ? TimeSpan.FromSeconds(idle) : settings.IdleUnloadAfter,
                ColdStartWait = lifecycle.ColdStart != DeploymentLimits.ColdStartReject,
            };
        }

        if (spec.Validation is { } validation)
        {
            settings = settings with { Strict = validation.Strict ?? false, AllowNonFinite = validation.AllowNonFinite ?? false };
        }

        return settings;
    }

    /// <summary>The tiers' in-flight shares of the deployment's queue, for admission.</summary>
    public DeploymentTierShares Shares => new(MaxQueue, CriticalShare, StandardShare, SheddableShare);
}
