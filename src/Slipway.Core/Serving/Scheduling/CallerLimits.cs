namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// A caller's serving limits (governance §8.6), from its API token or user: <see cref="CallerKey"/> identifies the
/// caller's bucket, quota and fair-share sub-queue (a token id or user, never the secret). Null limits are unlimited.
/// <see cref="RatePerSecond"/> refills the token bucket (must be positive; a non-positive rate refuses every request);
/// <see cref="Burst"/> is its size (default: the rate rounded up, at least 1). Daily quotas count per UTC day.
/// </summary>
public sealed record CallerLimits(
    string CallerKey,
    Tier DefaultTier = Tier.Standard,
    Tier MaxTier = Tier.Standard,
    double? RatePerSecond = null,
    int? Burst = null,
    long? DailyRequestQuota = null,
    long? DailyRowQuota = null);
