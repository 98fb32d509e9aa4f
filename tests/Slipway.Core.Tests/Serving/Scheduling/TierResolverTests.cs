using Slipway.Core.Serving;
using Slipway.Core.Serving.Scheduling;

namespace Slipway.Core.Tests.Serving.Scheduling;

public sealed class TierResolverTests
{
    private static readonly CallerLimits Caller = new("token-1", DefaultTier: Tier.Sheddable, MaxTier: Tier.Standard);

    [Fact]
    public void No_requested_tier_takes_the_callers_default() =>
        Assert.Equal((Tier.Sheddable, (ServingError?)null), TierResolver.Resolve(Caller, null));

    [Theory]
    [InlineData(Tier.Standard)]
    [InlineData(Tier.Sheddable)]
    public void A_tier_up_to_the_maximum_is_granted(Tier requested) =>
        Assert.Equal((requested, (ServingError?)null), TierResolver.Resolve(Caller, requested));

    [Fact]
    public void A_tier_above_the_maximum_is_forbidden()
    {
        var (_, error) = TierResolver.Resolve(Caller, Tier.Critical);

        Assert.Equal(403, error!.Status);
        Assert.Equal(ServingErrorCodes.Forbidden, error.Code);
    }

    [Fact]
    public void A_default_above_the_maximum_is_lowered_to_the_maximum() =>
        Assert.Equal(Tier.Sheddable, TierResolver.Resolve(new CallerLimits("t", DefaultTier: Tier.Critical, MaxTier: Tier.Sheddable), null).Tier);
}
