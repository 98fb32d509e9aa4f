using System.Diagnostics.Metrics;

namespace Slipway.Core.Tracking;

/// <summary>The <c>Slipway.Tracking</c> meter: how much tracking data arrives.</summary>
public sealed class TrackingMetrics
{
    public const string MeterName = "Slipway.Tracking";

    private readonly Counter<long> metricPoints;
    private readonly Counter<long> batches;
    private readonly Counter<long> runsCreated;

    public TrackingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        metricPoints = meter.CreateCounter<long>("slipway.tracking.metric_points", unit: "{point}", description: "Metric points received (duplicates included).");
        batches = meter.CreateCounter<long>("slipway.tracking.batches", unit: "{batch}", description: "Log-batch writes committed.");
        runsCreated = meter.CreateCounter<long>("slipway.tracking.runs_created", unit: "{run}", description: "Runs created.");
    }

    public void BatchCommitted(int points)
    {
        batches.Add(1);
        metricPoints.Add(points);
    }

    public void RunCreated() => runsCreated.Add(1);
}
