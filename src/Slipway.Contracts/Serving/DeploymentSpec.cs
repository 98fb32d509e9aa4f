namespace Slipway.Contracts.Serving;

/// <summary>
/// A deployment as <c>POST /api/v1/deployments</c> takes it and <c>PUT /api/v1/deployments/{name}</c> replaces it:
/// serving spec §3.1 with <see cref="Name"/> for the deployment's name. Omitted sections take the defaults documented
/// on each record. JSON names are snake_case (<c>sticky_key</c>, <c>max_batch_size</c>).
/// </summary>
public sealed record DeploymentSpec(
    string Name,
    IReadOnlyList<RouteSpec> Routes,
    string? Description = null,
    StickyKeySpec? StickyKey = null,
    LimitsSpec? Limits = null,
    BatchingSpec? Batching = null,
    IReadOnlyDictionary<string, TierSpec>? Tiers = null,
    LoggingSpec? Log = null,
    LifecycleSpec? Lifecycle = null,
    ValidationSpec? Validation = null);

/// <summary>
/// One route. <see cref="Role"/> is <c>primary</c> (default; takes <see cref="Weight"/>, default 100) or <c>shadow</c>
/// (takes <see cref="SamplePercent"/>, 0–100, default 100; answers are logged, never returned). <see cref="Id"/>:
/// <c>[a-z0-9][a-z0-9_-]{0,63}</c>, unique in the deployment. <see cref="KeepWarm"/> (default true for primaries,
/// false for shadows) loads the target eagerly and never unloads it for idleness.
/// </summary>
public sealed record RouteSpec(
    string Id,
    TargetSpec Target,
    string? Role = null,
    int? Weight = null,
    double? SamplePercent = null,
    bool? KeepWarm = null);

/// <summary>A registry model and exactly one of <see cref="Version"/> or <see cref="Alias"/>; an alias is followed as it moves.</summary>
public sealed record TargetSpec(string Model, int? Version = null, string? Alias = null);

/// <summary>Where the sticky key is read: a header (default <c>X-Slipway-Route-Key</c>) or a top-level or first-row JSON field.</summary>
public sealed record StickyKeySpec(string? Header = null, string? JsonField = null);

/// <summary>
/// Request limits: <see cref="MaxQueue"/> queued requests per version (512), <see cref="DeadlineMs"/> per request (1000;
/// a request's <c>timeout</c> may only shorten it), <see cref="MaxRequestBytes"/> (16 MiB), <see cref="MaxRowsPerRequest"/> (10,000).
/// </summary>
public sealed record LimitsSpec(int? MaxQueue = null, int? DeadlineMs = null, long? MaxRequestBytes = null, int? MaxRowsPerRequest = null);

/// <summary>
/// Batching: on by default when the model is batchable. <see cref="MaxBatchSize"/> rows per engine run (64),
/// <see cref="MaxQueueDelayMs"/> (0: dispatch when idle), <see cref="Executors"/> parallel runs per version (cores).
/// </summary>
public sealed record BatchingSpec(bool? Enabled = null, int? MaxBatchSize = null, int? MaxQueueDelayMs = null, int? Executors = null);

/// <summary>
/// Per-tier settings of this deployment, keyed <c>critical</c>, <c>standard</c>, <c>sheddable</c>:
/// <see cref="MaxInFlightShare"/> of <c>max_queue</c> the tier may hold (0–1, default 1), and <see cref="MaxWaitMs"/>,
/// the projected queue wait above which the tier is shed (defaults: none for critical, 500 standard, 100 sheddable).
/// </summary>
public sealed record TierSpec(double? MaxInFlightShare = null, int? MaxWaitMs = null);

/// <summary>Prediction log: <see cref="SamplePercent"/> of requests whose payloads are kept (100); metadata is always written.</summary>
public sealed record LoggingSpec(double? SamplePercent = null);

/// <summary>
/// Lifecycle of lazily loaded versions: <see cref="IdleUnloadAfterSeconds"/> (1800), and <see cref="ColdStart"/>
/// <c>wait</c> (default: wait up to 30 s for the load) or <c>reject</c> (503 <c>MODEL_LOADING</c> at once).
/// </summary>
public sealed record LifecycleSpec(int? IdleUnloadAfterSeconds = null, string? ColdStart = null);

/// <summary>Validation: <see cref="Strict"/> refuses inputs not in the signature (default: ignored and listed); <see cref="AllowNonFinite"/> accepts NaN and infinities.</summary>
public sealed record ValidationSpec(bool? Strict = null, bool? AllowNonFinite = null);

/// <summary>
/// A deployment as the API answers it: the spec, its workspace, who created it and when, and each route's live state
/// (<see cref="RouteStatus"/>).
/// </summary>
public sealed record DeploymentResponse(
    DeploymentSpec Deployment, string Workspace, string? CreatedBy, long CreatedAt, long UpdatedAt, int Generation, IReadOnlyList<RouteStatus> Status);

/// <summary>
/// A route's live state on the answering replica: the version it serves now, the state of that version (<c>ready</c>,
/// <c>loading</c>, <c>warming</c>, <c>unloaded</c>, <c>failed</c>), the version being switched to, and the last failure.
/// </summary>
public sealed record RouteStatus(string Id, string Model, int? Version, string State, int? PendingVersion = null, string? Reason = null);

public sealed record DeploymentsResponse(IReadOnlyList<DeploymentResponse> Deployments);

/// <summary>A token's serving limits (governance §8.6): tiers, token bucket and daily quotas; null fields are unlimited or default.</summary>
public sealed record TokenLimitsRequest(
    string? DefaultTier = null, string? MaxTier = null, double? RatePerSecond = null, int? Burst = null, long? DailyRequestQuota = null, long? DailyRowQuota = null);
