using Prometheus;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// The queued requests of one version, a <see cref="TierQueue"/> per tier, and the queue's two choices: which request
/// runs next (strict tier priority with aging, then round-robin over callers; serving spec §6.2) and which one a full
/// queue sheds for a higher-priority arrival (§6.4). Keeps <c>slipway_queue_requests</c> per tier. Not thread-safe:
/// the scheduler's lock guards it.
/// </summary>
internal sealed class VersionQueue(Gauge.Child[] queueGauges)
{
    private readonly TierQueue[] tiers = [new(), new(), new()];

    public int Count => tiers[0].Count + tiers[1].Count + tiers[2].Count;

    public long Rows => tiers[0].Rows + tiers[1].Rows + tiers[2].Rows;

    public IEnumerable<PendingWork> All => tiers.SelectMany(tier => tier.All);

    public void Enqueue(PendingWork work)
    {
        tiers[(int)work.Item.Tier].Enqueue(work);
        queueGauges[(int)work.Item.Tier].Inc();
    }

    public void Remove(PendingWork work, bool served)
    {
        tiers[(int)work.Item.Tier].Remove(work, served);
        queueGauges[(int)work.Item.Tier].Dec();
    }

    /// <summary>Rows and requests queued at or above <paramref name="tier"/>: what an arrival of that tier waits behind.</summary>
    public (long Rows, long Requests) AheadOf(Tier tier)
    {
        long rows = 0;
        long requests = 0;
        for (var t = 0; t <= (int)tier; t++)
        {
            rows += tiers[t].Rows;
            requests += tiers[t].Count;
        }

        return (rows, requests);
    }

    /// <summary>Shadows first (never above the arrival's tier), then the newest sheddable, then for critical the newest standard.</summary>
    public PendingWork? FindVictim(WorkItem arrival)
    {
        if (!arrival.IsShadow)
        {
            for (var tier = (int)Tier.Sheddable; tier >= (int)arrival.Tier; tier--)
            {
                if (tiers[tier].Newest(shadowsOnly: true) is { } shadow)
                {
                    return shadow;
                }
            }
        }

        return arrival.Tier switch
        {
            Tier.Critical => tiers[(int)Tier.Sheddable].Newest(false) ?? tiers[(int)Tier.Standard].Newest(false),
            Tier.Standard => tiers[(int)Tier.Sheddable].Newest(false),
            _ => null,
        };
    }

    /// <summary>
    /// The next request by tier with aging, then round-robin over callers. Each full aging period (in timestamp ticks)
    /// its oldest request has waited ranks a tier one higher; among tiers of equal rank the one with the older request
    /// wins, so a lower tier cannot starve. A tier that wins only thanks to aging gives its oldest request.
    /// </summary>
    public PendingWork? SelectNext(long now, long agingTicks)
    {
        var firstNonEmpty = -1;
        var bestTier = -1;
        var bestRank = int.MaxValue;
        PendingWork? bestOldest = null;
        for (var tier = 0; tier < tiers.Length; tier++)
        {
            var queue = tiers[tier];
            if (queue.Count == 0)
            {
                continue;
            }

            if (firstNonEmpty < 0)
            {
                firstNonEmpty = tier;
            }

            if (agingTicks <= 0)
            {
                bestTier = firstNonEmpty;
                break;
            }

            var oldest = queue.Oldest()!;
            var rank = (int)Math.Max(0, tier - ((now - oldest.EnqueuedAt) / agingTicks));
            if (rank < bestRank || (rank == bestRank && oldest.Sequence < bestOldest!.Sequence))
            {
                bestRank = rank;
                bestTier = tier;
                bestOldest = oldest;
            }
        }

        if (bestTier < 0)
        {
            return null;
        }

        return bestTier != firstNonEmpty ? bestOldest : tiers[bestTier].NextInTurn;
    }
}
