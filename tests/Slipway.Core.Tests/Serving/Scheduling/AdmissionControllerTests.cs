using Microsoft.Extensions.Time.Testing;
using Slipway.Core.Serving;
using Slipway.Core.Serving.Scheduling;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Tests.Serving.Scheduling;

public sealed class AdmissionControllerTests
{
    private static readonly DeploymentTierShares Unshared = new(Capacity: 512);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ServingMetrics metrics = new();

    private AdmissionController Controller() => new(time, metrics);

    [Fact]
    public void The_token_bucket_admits_a_burst_then_answers_429_with_the_time_to_the_next_token()
    {
        var controller = Controller();
        var caller = new CallerLimits("token-1", RatePerSecond: 0.5, Burst: 2);

        var first = controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1);
        var second = controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1);
        var third = controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1);

        Assert.True(first.Admitted);
        Assert.Equal(new RateLimitState(2, 1, 2), first.RateLimit);
        Assert.True(second.Admitted);
        Assert.Equal(new RateLimitState(2, 0, 4), second.RateLimit);
        Assert.False(third.Admitted);
        Assert.Null(third.Lease);
        Assert.Equal(429, third.Error!.Status);
        Assert.Equal(ServingErrorCodes.RateLimited, third.Error.Code);
        Assert.Equal(2, third.Error.RetryAfterSeconds);
        Assert.Equal(new RateLimitState(2, 0, 4), third.RateLimit);
        Assert.Equal(1, metrics.Rejections.WithLabels("income", "standard", "rate_limited").Value);
    }

    [Fact]
    public void The_precheck_refuses_a_caller_over_its_rate_or_quota_and_takes_nothing()
    {
        var controller = Controller();
        var caller = new CallerLimits("token-1", RatePerSecond: 1, Burst: 1, DailyRequestQuota: 2);

        // A fresh caller passes, however often it is asked, and admission still has its one token.
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(controller.Precheck(caller, Tier.Standard, "income"));
        }

        Assert.True(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Admitted);
        var early = controller.Precheck(caller, Tier.Standard, "income");
        Assert.Equal(ServingErrorCodes.RateLimited, early!.Error!.Code);
        Assert.Equal(new RateLimitState(1, 0, 1), early.RateLimit);

        // Next second: a token again, then the quota of two requests is used up, which the precheck sees too.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(controller.Precheck(caller, Tier.Standard, "income"));
        Assert.True(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Admitted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ServingErrorCodes.QuotaExceeded, controller.Precheck(caller, Tier.Standard, "income")!.Error!.Code);
        Assert.Null(controller.Precheck(new CallerLimits("unlimited"), Tier.Standard, "income"));
    }

    [Fact]
    public void A_refused_request_consumes_no_token()
    {
        var controller = Controller();
        var caller = new CallerLimits("token-1", RatePerSecond: 1, Burst: 1);
        Assert.True(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Admitted);

        // Refused twice within the second: had refusals taken tokens, the bucket would be in debt after it.
        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(1, controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Error!.RetryAfterSeconds);
        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.False(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Admitted);
        time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.True(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Admitted);
    }

    [Fact]
    public void A_request_refused_by_a_later_stage_consumes_neither_token_nor_quota()
    {
        var controller = Controller();
        var caller = new CallerLimits("token-1", RatePerSecond: 1, Burst: 1, DailyRequestQuota: 10);
        var closed = new DeploymentTierShares(512, Sheddable: 0);

        var refused = controller.TryAdmit(caller, Tier.Sheddable, "income", closed, 1);
        var admitted = controller.TryAdmit(caller, Tier.Standard, "income", closed, 1);

        Assert.Equal(ServingErrorCodes.ConcurrencyLimited, refused.Error!.Code);
        Assert.True(admitted.Admitted);
        Assert.Equal(0, admitted.RateLimit!.Remaining);
    }

    [Fact]
    public void Callers_have_separate_buckets()
    {
        var controller = Controller();

        Assert.True(controller.TryAdmit(new CallerLimits("a", RatePerSecond: 1), Tier.Standard, "income", Unshared, 1).Admitted);
        Assert.False(controller.TryAdmit(new CallerLimits("a", RatePerSecond: 1), Tier.Standard, "income", Unshared, 1).Admitted);
        Assert.True(controller.TryAdmit(new CallerLimits("b", RatePerSecond: 1), Tier.Standard, "income", Unshared, 1).Admitted);
    }

    [Fact]
    public void The_daily_request_quota_resets_at_utc_midnight()
    {
        time.SetUtcNow(new DateTimeOffset(2025, 3, 1, 23, 59, 0, TimeSpan.Zero));
        var controller = Controller();
        var caller = new CallerLimits("token-1", DailyRequestQuota: 2);

        Assert.True(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Admitted);
        Assert.True(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Admitted);
        var refused = controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1);
        time.Advance(TimeSpan.FromSeconds(59));
        var stillRefused = controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1);
        time.Advance(TimeSpan.FromSeconds(1));
        var nextDay = controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1);

        Assert.Equal(429, refused.Error!.Status);
        Assert.Equal(ServingErrorCodes.QuotaExceeded, refused.Error.Code);
        Assert.Equal(60, refused.Error.RetryAfterSeconds);
        Assert.Equal(1, stillRefused.Error!.RetryAfterSeconds);
        Assert.True(nextDay.Admitted);
        Assert.Equal(2, metrics.Rejections.WithLabels("income", "standard", "quota").Value);
    }

    [Fact]
    public void The_daily_row_quota_counts_rows_and_a_refusal_counts_none()
    {
        var controller = Controller();
        var caller = new CallerLimits("token-1", DailyRowQuota: 100);

        Assert.True(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 60).Admitted);
        Assert.Equal(ServingErrorCodes.QuotaExceeded, controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 41).Error!.Code);
        Assert.True(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 40).Admitted);
        Assert.False(controller.TryAdmit(caller, Tier.Standard, "income", Unshared, 1).Admitted);
    }

    [Fact]
    public void A_tier_holds_at_most_its_share_of_the_deployment_in_flight_until_a_lease_is_released()
    {
        var controller = Controller();
        var shares = new DeploymentTierShares(Capacity: 4, Sheddable: 0.5);
        var caller = new CallerLimits("token-1");

        using var first = controller.TryAdmit(caller, Tier.Sheddable, "income", shares, 1);
        var second = controller.TryAdmit(caller, Tier.Sheddable, "income", shares, 1);
        var third = controller.TryAdmit(caller, Tier.Sheddable, "income", shares, 1);
        var critical = controller.TryAdmit(caller, Tier.Critical, "income", shares, 1);
        var otherDeployment = controller.TryAdmit(caller, Tier.Sheddable, "census", shares, 1);
        second.Dispose();
        second.Dispose();
        var afterRelease = controller.TryAdmit(caller, Tier.Sheddable, "income", shares, 1);
        var overAgain = controller.TryAdmit(caller, Tier.Sheddable, "income", shares, 1);

        Assert.True(first.Admitted && second.Admitted && critical.Admitted && otherDeployment.Admitted);
        Assert.Equal(429, third.Error!.Status);
        Assert.Equal(ServingErrorCodes.ConcurrencyLimited, third.Error.Code);
        Assert.True(third.Error.RetryAfterSeconds >= 1);
        Assert.True(afterRelease.Admitted);
        Assert.False(overAgain.Admitted);
        Assert.Equal(3, metrics.InflightRequests.WithLabels("income").Value);
        Assert.Equal(2, metrics.Rejections.WithLabels("income", "sheddable", "concurrency").Value);
    }

    [Fact]
    public void Shares_come_from_the_deployments_tier_settings()
    {
        var spec = new Contracts.Serving.DeploymentSpec("income", [], Limits: new(MaxQueue: 10), Tiers: new Dictionary<string, Contracts.Serving.TierSpec>
        {
            ["sheddable"] = new(MaxInFlightShare: 0.25),
            ["standard"] = new(MaxInFlightShare: 0.01),
        });
        var shares = Core.Serving.Routing.DeploymentSettings.From(spec, TimeSpan.FromMinutes(30)).Shares;

        Assert.Equal(10, shares.Limit(Tier.Critical));
        Assert.Equal(1, shares.Limit(Tier.Standard));
        Assert.Equal(2, shares.Limit(Tier.Sheddable));
    }

    [Fact]
    public void Idle_callers_with_full_buckets_and_no_quota_used_today_are_forgotten()
    {
        var controller = Controller();
        controller.TryAdmit(new CallerLimits("bucket-only", RatePerSecond: 10), Tier.Standard, "income", Unshared, 1).Dispose();
        controller.TryAdmit(new CallerLimits("with-quota", DailyRequestQuota: 5), Tier.Standard, "income", Unshared, 1).Dispose();
        Assert.Equal(2, controller.TrackedCallers);

        time.Advance(TimeSpan.FromMinutes(11));
        controller.TryAdmit(new CallerLimits("newcomer"), Tier.Standard, "income", Unshared, 1).Dispose();

        // The quota user is kept until its day is over: forgetting it would reset its quota.
        Assert.Equal(2, controller.TrackedCallers);
        time.Advance(TimeSpan.FromHours(12));
        controller.TryAdmit(new CallerLimits("late"), Tier.Standard, "income", Unshared, 1).Dispose();
        Assert.Equal(1, controller.TrackedCallers);
    }
}
