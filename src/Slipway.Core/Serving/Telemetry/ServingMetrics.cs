using Prometheus;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// The serving metrics of serving spec §8, in one prometheus-net registry per server (so that several servers in one
/// process, as in tests, keep their own counts), exported at <c>/metrics</c>. Labels are bounded: never a request id,
/// principal, sticky key or input value.
/// </summary>
public sealed class ServingMetrics
{
    /// <summary>0.0001 s to 10 s, roughly ×2.5 per bucket.</summary>
    private static readonly double[] SecondsBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private static readonly double[] RowBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 10000];

    public ServingMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("slipway_inference_requests_total", "Inference requests answered, by outcome code.",
            "deployment", "model", "version", "protocol", "role", "tier", "code");
        Rows = factory.CreateCounter("slipway_inference_rows_total", "Rows scored.", "deployment", "model", "version", "role");
        RequestDuration = factory.CreateHistogram("slipway_inference_request_duration_seconds", "Time from admission to the answer.",
            new HistogramConfiguration { LabelNames = ["deployment", "model", "version", "protocol", "role"], Buckets = SecondsBuckets });
        QueueDuration = factory.CreateHistogram("slipway_inference_queue_duration_seconds", "Time a request waited for an executor.",
            new HistogramConfiguration { LabelNames = ["model", "version", "tier"], Buckets = SecondsBuckets });
        StageDuration = factory.CreateHistogram("slipway_inference_stage_duration_seconds", "Time per stage: parse, validate, infer, serialize.",
            new HistogramConfiguration { LabelNames = ["model", "version", "stage"], Buckets = SecondsBuckets });
        BatchExecutions = factory.CreateCounter("slipway_batch_executions_total", "Engine runs (one per merged batch or chunk).", "model", "version");
        BatchRows = factory.CreateHistogram("slipway_batch_rows", "Rows per engine run.",
            new HistogramConfiguration { LabelNames = ["model", "version"], Buckets = RowBuckets });
        BatchIsolationRetries = factory.CreateCounter("slipway_batch_isolation_retries_total", "Requests rerun alone after their merged batch failed.", "model", "version");
        QueueRequests = factory.CreateGauge("slipway_queue_requests", "Requests waiting in a version's queue.", "model", "version", "tier");
        InflightRequests = factory.CreateGauge("slipway_inflight_requests", "Requests admitted and not yet answered.", "deployment");
        Rejections = factory.CreateCounter("slipway_requests_rejected_total", "Requests refused before running, by reason.", "deployment", "tier", "reason");
        ValidationFailures = factory.CreateCounter("slipway_validation_failures_total", "Requests refused by signature validation.", "model", "version", "code");
        ModelState = factory.CreateGauge("slipway_model_state", "1 for the state a loaded version is in.", "model", "version", "state");
        ModelLoadDuration = factory.CreateHistogram("slipway_model_load_duration_seconds", "Time to load and warm a version.",
            new HistogramConfiguration { LabelNames = ["model", "outcome"], Buckets = SecondsBuckets });
        ModelLoads = factory.CreateCounter("slipway_model_loads_total", "Version loads, by outcome.", "outcome");
        ModelUnloads = factory.CreateCounter("slipway_model_unloads_total", "Version unloads, by reason (idle, evicted, replaced, manual).", "reason");
        ModelMemory = factory.CreateGauge("slipway_model_memory_bytes", "Resident memory a loaded version added (RSS delta over load and warm-up).", "model", "version");
        ProcessMemory = factory.CreateGauge("slipway_process_resident_memory_bytes", "Resident memory of the server process.");
        ColdStartWait = factory.CreateHistogram("slipway_cold_start_wait_seconds", "Time requests waited for a lazy load.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = SecondsBuckets });
        RouteWeight = factory.CreateGauge("slipway_route_weight", "Weight of each primary route.", "deployment", "route", "version");
        ShadowRequests = factory.CreateCounter("slipway_shadow_requests_total", "Shadow copies, by outcome.", "deployment", "version", "outcome");
        AliasSwitches = factory.CreateCounter("slipway_alias_switches_total", "Alias-following switches, by outcome.", "deployment", "outcome");
        PredictionLogRecords = factory.CreateCounter("slipway_prediction_log_records_total", "Prediction records written.", "deployment");
        PredictionLogDropped = factory.CreateCounter("slipway_prediction_log_dropped_total", "Prediction records or payloads dropped because the log was full.", "kind");
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Counter Rows { get; }

    public Histogram RequestDuration { get; }

    public Histogram QueueDuration { get; }

    public Histogram StageDuration { get; }

    public Counter BatchExecutions { get; }

    public Histogram BatchRows { get; }

    public Counter BatchIsolationRetries { get; }

    public Gauge QueueRequests { get; }

    public Gauge InflightRequests { get; }

    /// <summary>Reasons: <c>rate_limited</c>, <c>quota</c>, <c>concurrency</c>, <c>queue_full</c>, <c>shed</c>, <c>deadline</c>, <c>not_ready</c>.</summary>
    public Counter Rejections { get; }

    public Counter ValidationFailures { get; }

    /// <summary>States: <c>loading</c>, <c>warming</c>, <c>ready</c>, <c>draining</c>, <c>unloaded</c>, <c>failed</c>.</summary>
    public Gauge ModelState { get; }

    public Histogram ModelLoadDuration { get; }

    public Counter ModelLoads { get; }

    public Counter ModelUnloads { get; }

    public Gauge ModelMemory { get; }

    public Gauge ProcessMemory { get; }

    public Histogram ColdStartWait { get; }

    public Gauge RouteWeight { get; }

    public Counter ShadowRequests { get; }

    public Counter AliasSwitches { get; }

    public Counter PredictionLogRecords { get; }

    public Counter PredictionLogDropped { get; }

    /// <summary>Writes the registry in the Prometheus text format.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellationToken) =>
        Registry.CollectAndExportAsTextAsync(destination, cancellationToken);
}
