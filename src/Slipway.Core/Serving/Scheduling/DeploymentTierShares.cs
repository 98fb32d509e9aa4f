namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// A deployment's per-tier in-flight shares (serving spec §6.2 step 3, <c>max_in_flight_share</c>): tier t may hold at
/// most <c>floor(share_t × Capacity)</c> admitted, unanswered requests on this replica (at least 1 when the share is
/// positive; 0 refuses the tier). <see cref="Capacity"/> is the deployment's <c>max_queue</c>. Shares default to 1.
/// </summary>
public sealed record DeploymentTierShares(int Capacity, double Critical = 1, double Standard = 1, double Sheddable = 1)
{
    public double Share(Tier tier) => tier switch
    {
        Tier.Critical => Critical,
        Tier.Standard => Standard,
        _ => Sheddable,
    };

    /// <summary>The most requests of <paramref name="tier"/> in flight at once.</summary>
    public int Limit(Tier tier)
    {
        var share = Share(tier);
        if (share <= 0 || Capacity <= 0)
        {
            return 0;
        }

        return share >= 1 ? Capacity : Math.Max(1, (int)Math.Floor(share * Capacity));
    }
}
