namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// The outcome of <see cref="AdmissionController.TryAdmit"/>: admitted with a <see cref="Lease"/> that holds the
/// request's in-flight slot until disposed, or refused with a 429 <see cref="Error"/> (nothing consumed).
/// <see cref="RateLimit"/> is set whenever the caller has a token bucket, for the <c>RateLimit-*</c> headers.
/// Disposing the admission disposes its lease.
/// </summary>
public sealed class Admission : IDisposable
{
    private Action? refund;

    private Admission(IDisposable? lease, ServingError? error, RateLimitState? rateLimit, Action? refund = null)
    {
        this.refund = refund;
        Lease = lease;
        Error = error;
        RateLimit = rateLimit;
    }

    public bool Admitted => Error is null;

    /// <summary>Releases the in-flight slot when disposed (once); null when refused.</summary>
    public IDisposable? Lease { get; }

    /// <summary>429 <c>RATE_LIMITED</c>, <c>QUOTA_EXCEEDED</c> or <c>CONCURRENCY_LIMITED</c>, with <c>RetryAfterSeconds</c>.</summary>
    public ServingError? Error { get; }

    public RateLimitState? RateLimit { get; }

    internal static Admission Granted(IDisposable lease, RateLimitState? rateLimit, Action? refund = null) => new(lease, null, rateLimit, refund);

    internal static Admission Refused(ServingError error, RateLimitState? rateLimit) => new(null, error, rateLimit);

    /// <summary>
    /// For a request refused after admission (validation, a tier it may not have, a full queue, shedding, a deadline):
    /// gives back the token and today's quota it took (governance §8.7: a rejection has no side effects) and
    /// releases the slot. Once; later calls do nothing.
    /// </summary>
    public void Refund()
    {
        Interlocked.Exchange(ref refund, null)?.Invoke();
        Dispose();
    }

    public void Dispose() => Lease?.Dispose();
}

/// <summary>
/// The caller's token bucket after the decision, for <c>RateLimit-Limit</c> (the burst), <c>RateLimit-Remaining</c>
/// (whole tokens left) and <c>RateLimit-Reset</c> (seconds until the bucket is full again).
/// </summary>
public sealed record RateLimitState(long Limit, long Remaining, long ResetSeconds);
