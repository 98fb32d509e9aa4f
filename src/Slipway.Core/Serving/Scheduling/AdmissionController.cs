using System.Collections.Concurrent;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// The caller-side stages of admission (serving spec §6.2 steps 1–3), in order: the caller's token bucket (429
/// <c>RATE_LIMITED</c>), its daily request and row quotas per UTC day (429 <c>QUOTA_EXCEEDED</c>), and the
/// deployment's per-tier in-flight share (429 <c>CONCURRENCY_LIMITED</c>). A refusal consumes nothing: the token, the
/// quota and the slot are taken together, only when every stage passes (governance §8.7).
/// </summary>
/// <remarks>
/// Counters live in this process: with several replicas, each enforces the limits on its own share of the traffic
/// (a caller may get up to replicas × rate in total). Memory stays bounded: a caller idle for 10 minutes whose bucket
/// has refilled and who used no quota today is forgotten, which loses nothing. In-flight counts are one small entry
/// per deployment and tier. Thread-safe; register one per server.
/// </remarks>
public sealed class AdmissionController(TimeProvider time, ServingMetrics metrics)
{
    private static readonly TimeSpan IdleEviction = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, CallerState> callers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(long WorkspaceId, string Deployment, Tier Tier), InFlightCounter> inFlight = new();
    private long lastSweep = time.GetTimestamp();
    private int sweeping;

    /// <summary>Callers whose bucket or quota counts are held (for tests and diagnostics).</summary>
    internal int TrackedCallers => callers.Count;

    /// <summary>
    /// Admits one request of <paramref name="rows"/> rows from <paramref name="caller"/> at <paramref name="tier"/> to
    /// <paramref name="deployment"/> (the deployment's name, also its metrics label), or refuses it with a 429 and its
    /// <c>Retry-After</c>: the time to the next token, to UTC midnight, or 1 s for a full tier share. Refusals are
    /// counted in <c>slipway_requests_rejected_total</c>; admitted requests in <c>slipway_inflight_requests</c> until
    /// the lease is disposed. Shadow copies are exempt (spec §3.5): do not call this for them.
    /// </summary>
    public Admission TryAdmit(CallerLimits caller, Tier tier, string deployment, DeploymentTierShares shares, int rows) =>
        TryAdmit(caller, tier, deployment, 0, shares, rows);

    /// <summary>As above, with the deployment's workspace keeping same-named deployments of different workspaces apart.</summary>
    public Admission TryAdmit(CallerLimits caller, Tier tier, string deployment, long workspaceId, DeploymentTierShares shares, int rows)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(shares);
        var now = time.GetTimestamp();
        var utcNow = time.GetUtcNow();
        var today = DateOnly.FromDateTime(utcNow.UtcDateTime);
        SweepIdleCallers(now, today);

        while (true)
        {
            var state = callers.GetOrAdd(caller.CallerKey, static (_, at) => new CallerState(at), now);
            lock (state.Gate)
            {
                if (state.Evicted)
                {
                    continue;
                }

                state.LastSeen = now;
                state.HasQuota = caller.DailyRequestQuota is not null || caller.DailyRowQuota is not null;
                var admission = Decide(state, caller, tier, deployment, workspaceId, shares, rows, now, utcNow, today);
                if (admission.Error is { } error)
                {
                    metrics.Rejections.WithLabels(deployment, tier.Name(), ReasonOf(error.Code)).Inc();
                }

                return admission;
            }
        }
    }

    /// <summary>
    /// Whether the caller's token bucket or daily request quota already refuses it, checked before the body is read
    /// and parsed, so that a caller over its own limit costs no parsing. Consumes nothing; null when the request may
    /// go on to <see cref="TryAdmit(CallerLimits, Tier, string, long, DeploymentTierShares, int)"/>, which decides.
    /// </summary>
    public Admission? Precheck(CallerLimits caller, Tier tier, string deployment)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.RatePerSecond is null && caller.DailyRequestQuota is null)
        {
            return null;
        }

        var now = time.GetTimestamp();
        var utcNow = time.GetUtcNow();
        var today = DateOnly.FromDateTime(utcNow.UtcDateTime);
        var state = callers.GetOrAdd(caller.CallerKey, static (_, at) => new CallerState(at), now);
        lock (state.Gate)
        {
            if (state.Evicted)
            {
                return null;
            }

            // Refilling is only bookkeeping (the same refill admission makes); nothing is taken here.
            if (caller.RatePerSecond is { } rate && rate > 0)
            {
                var burst = Math.Max(1, caller.Burst ?? (int)Math.Ceiling(Math.Max(1, rate)));
                state.Refill(rate, burst, now, time);
                if (state.Tokens < 1 - 1e-9)
                {
                    var retryAfter = RetryAfter((1 - state.Tokens) / rate);
                    metrics.Rejections.WithLabels(deployment, tier.Name(), "rate_limited").Inc();
                    return Admission.Refused(
                        new ServingError(429, ServingErrorCodes.RateLimited,
                            $"Rate limit of {rate:0.###} requests per second (burst {burst}) reached; retry in {retryAfter} s.") { RetryAfterSeconds = retryAfter },
                        new RateLimitState(burst, 0, CeilingSeconds((burst - state.Tokens) / rate)));
                }
            }

            if (caller.DailyRequestQuota is { } quota && state.QuotaDay == today && state.RequestsToday + 1 > quota)
            {
                var midnight = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                metrics.Rejections.WithLabels(deployment, tier.Name(), "quota").Inc();
                return Admission.Refused(
                    new ServingError(429, ServingErrorCodes.QuotaExceeded, $"Daily quota of {quota} requests used up; it resets at 00:00 UTC.")
                    {
                        RetryAfterSeconds = RetryAfter((midnight - utcNow).TotalSeconds),
                    },
                    null);
            }

            return null;
        }
    }

    private Admission Decide(
        CallerState state, CallerLimits caller, Tier tier, string deployment, long workspaceId, DeploymentTierShares shares, int rows, long now, DateTimeOffset utcNow, DateOnly today)
    {
        // 1. Token bucket.
        RateLimitState? rateLimit = null;
        var rate = 0.0;
        var burst = 0;
        if (caller.RatePerSecond is { } configuredRate)
        {
            rate = configuredRate;
            burst = Math.Max(1, caller.Burst ?? (int)Math.Ceiling(Math.Max(1, rate)));
            if (rate <= 0)
            {
                return Admission.Refused(
                    new ServingError(429, ServingErrorCodes.RateLimited, "This caller's rate limit allows no requests.") { RetryAfterSeconds = 60 },
                    new RateLimitState(burst, 0, 60));
            }

            state.Refill(rate, burst, now, time);
            // The epsilon absorbs rounding in the refill, so a token due now is not refused by 1e-16.
            if (state.Tokens < 1 - 1e-9)
            {
                var retryAfter = RetryAfter((1 - state.Tokens) / rate);
                return Admission.Refused(
                    new ServingError(429, ServingErrorCodes.RateLimited,
                        $"Rate limit of {rate:0.###} requests per second (burst {burst}) reached; retry in {retryAfter} s.") { RetryAfterSeconds = retryAfter },
                    new RateLimitState(burst, 0, CeilingSeconds((burst - state.Tokens) / rate)));
            }

            rateLimit = new RateLimitState(burst, (long)Math.Floor(state.Tokens), CeilingSeconds((burst - state.Tokens) / rate));
        }

        // 2. Daily quotas, per UTC day.
        if (state.QuotaDay != today)
        {
            state.QuotaDay = today;
            state.RequestsToday = 0;
            state.RowsToday = 0;
        }

        var requestsOver = caller.DailyRequestQuota is { } requestQuota && state.RequestsToday + 1 > requestQuota;
        var rowsOver = caller.DailyRowQuota is { } rowQuota && state.RowsToday + rows > rowQuota;
        if (requestsOver || rowsOver)
        {
            var midnight = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var retryAfter = RetryAfter((midnight - utcNow).TotalSeconds);
            var what = requestsOver ? $"{caller.DailyRequestQuota} requests" : $"{caller.DailyRowQuota} rows";
            return Admission.Refused(
                new ServingError(429, ServingErrorCodes.QuotaExceeded, $"Daily quota of {what} used up; it resets at 00:00 UTC.") { RetryAfterSeconds = retryAfter },
                rateLimit);
        }

        // 3. The deployment's in-flight share for this tier.
        var counter = inFlight.GetOrAdd((workspaceId, deployment, tier), static _ => new InFlightCounter());
        var limit = shares.Limit(tier);
        if (!counter.TryAcquire(limit))
        {
            return Admission.Refused(
                new ServingError(429, ServingErrorCodes.ConcurrencyLimited,
                    $"Deployment '{deployment}' already has its limit of {limit} '{tier.Name()}' requests in flight.") { RetryAfterSeconds = 1 },
                rateLimit);
        }

        // Every stage passed: take the token and the quota together with the slot.
        if (caller.RatePerSecond is not null)
        {
            state.Tokens -= 1;
            rateLimit = new RateLimitState(burst, (long)Math.Floor(state.Tokens), CeilingSeconds((burst - state.Tokens) / rate));
        }

        state.RequestsToday++;
        state.RowsToday += rows;
        var gauge = metrics.InflightRequests.WithLabels(deployment);
        gauge.Inc();
        var tookToken = caller.RatePerSecond is not null;
        return Admission.Granted(new InFlightLease(counter, gauge), rateLimit, () =>
        {
            lock (state.Gate)
            {
                if (tookToken && !double.IsNaN(state.Tokens))
                {
                    state.Tokens = Math.Min(state.Burst, state.Tokens + 1);
                }

                if (state.QuotaDay == today)
                {
                    state.RequestsToday = Math.Max(0, state.RequestsToday - 1);
                    state.RowsToday = Math.Max(0, state.RowsToday - rows);
                }
            }
        });
    }

    private void SweepIdleCallers(long now, DateOnly today)
    {
        if (time.GetElapsedTime(Interlocked.Read(ref lastSweep), now) < SweepInterval || Interlocked.CompareExchange(ref sweeping, 1, 0) != 0)
        {
            return;
        }

        try
        {
            Interlocked.Exchange(ref lastSweep, now);
            foreach (var (key, state) in callers)
            {
                lock (state.Gate)
                {
                    if (state.IsIdle(now, today, IdleEviction, time))
                    {
                        state.Evicted = true;
                        callers.TryRemove(new KeyValuePair<string, CallerState>(key, state));
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref sweeping, 0);
        }
    }

    private static string ReasonOf(string code) => code switch
    {
        ServingErrorCodes.RateLimited => "rate_limited",
        ServingErrorCodes.QuotaExceeded => "quota",
        _ => "concurrency",
    };

    private static long CeilingSeconds(double seconds) => seconds <= 0 ? 0 : (long)Math.Ceiling(seconds - 1e-9);

    /// <summary><c>Retry-After</c> is whole seconds, at least 1 (spec §6.3).</summary>
    private static int RetryAfter(double seconds) => (int)Math.Clamp(CeilingSeconds(seconds), 1, int.MaxValue);

    private sealed class InFlightCounter
    {
        private int count;

        public bool TryAcquire(int limit)
        {
            while (true)
            {
                var current = Volatile.Read(ref count);
                if (current >= limit)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref count, current + 1, current) == current)
                {
                    return true;
                }
            }
        }

        public void Release() => Interlocked.Decrement(ref count);
    }

    private sealed class InFlightLease(InFlightCounter counter, Prometheus.Gauge.Child gauge) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                counter.Release();
                gauge.Dec();
            }
        }
    }
}
