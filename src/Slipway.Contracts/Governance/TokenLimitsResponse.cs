namespace Slipway.Contracts.Governance;

/// <summary>
/// A token's serving limits (governance §8.6, serving spec §6): the tier its requests get by default and the highest
/// they may ask for (null: <c>standard</c>), its token bucket (<see cref="RatePerSecond"/>, <see cref="Burst"/>; null
/// rate: no rate limit, null burst: the rate rounded up) and its daily quotas (null: unlimited).
/// </summary>
public sealed record TokenLimitsResponse(
    string? DefaultTier, string? MaxTier, double? RatePerSecond, int? Burst, long? DailyRequestQuota, long? DailyRowQuota);
