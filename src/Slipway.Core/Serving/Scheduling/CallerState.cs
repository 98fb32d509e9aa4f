namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// One caller's token bucket and today's quota counts on this replica. Callers' limits arrive with each request, so
/// the state keeps the last rate and burst seen only to tell whether an idle bucket is full (and so can be forgotten).
/// All members are guarded by <see cref="Gate"/>.
/// </summary>
internal sealed class CallerState(long now)
{
    public Lock Gate { get; } = new();

    /// <summary>Set under the gate when the state leaves the table; a request that finds it evicted looks it up again.</summary>
    public bool Evicted { get; set; }

    public double Tokens { get; set; } = double.NaN;

    public long RefilledAt { get; set; } = now;

    public long LastSeen { get; set; } = now;

    public double Rate { get; set; }

    public int Burst { get; set; }

    /// <summary>Whether the caller had a daily quota when last seen: only then do today's counts matter.</summary>
    public bool HasQuota { get; set; }

    public DateOnly QuotaDay { get; set; }

    public long RequestsToday { get; set; }

    public long RowsToday { get; set; }

    /// <summary>Tops the bucket up for the time since the last refill, under the current rate and burst.</summary>
    public void Refill(double rate, int burst, long now, TimeProvider time)
    {
        if (double.IsNaN(Tokens))
        {
            Tokens = burst;
        }
        else if (rate > 0)
        {
            Tokens = Math.Min(burst, Tokens + (time.GetElapsedTime(RefilledAt, now).TotalSeconds * rate));
        }

        Tokens = Math.Min(Tokens, burst);
        RefilledAt = now;
        Rate = rate;
        Burst = burst;
    }

    /// <summary>True when forgetting this state loses nothing: the bucket is full again and no quota is counted today.</summary>
    public bool IsIdle(long now, DateOnly today, TimeSpan idleFor, TimeProvider time)
    {
        if (time.GetElapsedTime(LastSeen, now) < idleFor)
        {
            return false;
        }

        var bucketFull = double.IsNaN(Tokens) || Rate <= 0
            || Tokens + (time.GetElapsedTime(RefilledAt, now).TotalSeconds * Rate) >= Burst;
        var quotaClear = !HasQuota || QuotaDay != today || (RequestsToday == 0 && RowsToday == 0);
        return bucketFull && quotaClear;
    }
}
