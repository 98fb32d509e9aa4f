using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Serving.Scheduling;

namespace Slipway.Core.Serving.Inference;

/// <summary>
/// The serving limits of the caller (governance §8.6): a token's tiers, bucket and quotas, cached for
/// <c>Auth:TokenCacheSeconds</c> like the token itself; callers without a token (browser sessions) get the defaults
/// (<c>standard</c>, unlimited) under a per-user key.
/// </summary>
public sealed class CallerLimitsSource(IMemoryCache cache, IOptions<AuthOptions> auth)
{
    /// <summary>Drops the cached limits of a token whose limits changed (this replica; others within the cache time).</summary>
    public void Forget(long tokenId) => cache.Remove(("serving-limits", tokenId));

    public async ValueTask<CallerLimits> ForAsync(SlipwayPrincipal principal, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if (principal.TokenId is not { } tokenId)
        {
            return new CallerLimits("user:" + principal.UserId.ToString(CultureInfo.InvariantCulture));
        }

        var key = ("serving-limits", tokenId);
        if (cache.TryGetValue(key, out CallerLimits? cached) && cached is not null)
        {
            return cached;
        }

        var row = await db.ApiTokens.AsNoTracking().Where(t => t.Id == tokenId)
            .Select(t => new { t.DefaultTier, t.MaxTier, t.RatePerSecond, t.Burst, t.DailyRequestQuota, t.DailyRowQuota })
            .FirstOrDefaultAsync(cancellationToken);
        var max = Tiers.Parse(row?.MaxTier) ?? Tier.Standard;
        var preferred = Tiers.Parse(row?.DefaultTier) ?? Tier.Standard;
        var limits = new CallerLimits(
            "token:" + tokenId.ToString(CultureInfo.InvariantCulture),
            preferred < max ? max : preferred,
            max,
            row?.RatePerSecond,
            row?.Burst,
            row?.DailyRequestQuota,
            row?.DailyRowQuota);
        cache.Set(key, limits, TimeSpan.FromSeconds(Math.Clamp(auth.Value.TokenCacheSeconds, 1, 60)));
        return limits;
    }
}
