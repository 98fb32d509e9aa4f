namespace Slipway.Core.Governance.Identity.SignIn;

/// <summary>
/// Counts failures per key (a user name, an address, a user's MFA codes) in memory. <see cref="Limit"/> failures
/// within <see cref="Window"/> lock the key for one window; each further lockout doubles the time (exponential
/// backoff, capped at a day) until a success resets the key. Keys need not name anything that exists, so an
/// unknown user name is throttled like a known one. The table is bounded; each replica counts on its own.
/// </summary>
public sealed class FailureThrottle(int limit, TimeSpan window, TimeProvider time)
{
    public const int MaxKeys = 100_000;
    private static readonly TimeSpan MaxLockout = TimeSpan.FromDays(1);

    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public int Limit => limit;

    public TimeSpan Window => window;

    /// <summary>How long the key stays locked, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string key)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            return entries.TryGetValue(key, out var entry) && entry.LockedUntil is { } until && until > now ? until - now : null;
        }
    }

    /// <summary>Counts a failure; returns the lockout it started, or null when the key is not (newly) locked.</summary>
    public TimeSpan? RecordFailure(string key)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!entries.TryGetValue(key, out var entry))
            {
                if (entries.Count >= MaxKeys)
                {
                    Trim(now);
                }

                entry = new Entry();
                entries[key] = entry;
            }

            entry.LastFailure = now;
            entry.Failures.RemoveAll(f => now - f >= window);
            entry.Failures.Add(now);
            if (entry.Failures.Count < limit)
            {
                return null;
            }

            entry.Failures.Clear();
            entry.Lockouts++;
            var ticks = Math.Min(window.Ticks * Math.Pow(2, Math.Min(entry.Lockouts - 1, 30)), MaxLockout.Ticks);
            var lockout = TimeSpan.FromTicks((long)ticks);
            entry.LockedUntil = now + lockout;
            return lockout;
        }
    }

    /// <summary>Forgets the key's failures and lockouts (after a success).</summary>
    public void Reset(string key)
    {
        lock (gate)
        {
            entries.Remove(key);
        }
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            var quiet = entry.LockedUntil is not { } until || until <= now;
            if (quiet && now - entry.LastFailure >= (entry.Lockouts == 0 ? window : MaxLockout))
            {
                entries.Remove(key);
            }
        }

        if (entries.Count >= MaxKeys)
        {
            entries.Clear();
        }
    }

    private sealed class Entry
    {
        public List<DateTimeOffset> Failures { get; } = [];

        public int Lockouts { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }

        public DateTimeOffset LastFailure { get; set; }
    }
}
