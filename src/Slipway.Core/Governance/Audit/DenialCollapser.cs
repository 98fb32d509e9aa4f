using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// Rate-collapses refused requests (governance.md §8.4): within <see cref="AuditOptions.DenialWindow"/> one event is
/// written per caller address, status and route pattern; the refusals in between are only counted, and the next
/// event written for that key carries the count (<c>context.collapsed</c>). A flood of unauthenticated requests thus
/// costs at most one audit write per window and route instead of one per request. The table is bounded.
/// </summary>
public sealed class DenialCollapser(IOptions<AuditOptions> options, TimeProvider time)
{
    /// <summary>Keys kept at most; past it, keys whose window has ended are dropped, and if none has, all are.</summary>
    public const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    /// <summary>True when an event should be written now, with how many refusals were collapsed before it.</summary>
    public bool ShouldRecord(string key, out int collapsed)
    {
        collapsed = 0;
        var span = options.Value.DenialWindow;
        if (span <= TimeSpan.Zero)
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (windows.Count >= MaxKeys)
        {
            Trim(now, span);
        }

        var window = windows.GetOrAdd(key, _ => new Window());
        lock (window)
        {
            if (window.Started is { } started && now - started < span)
            {
                window.Suppressed++;
                return false;
            }

            collapsed = window.Suppressed;
            window.Started = now;
            window.Suppressed = 0;
            return true;
        }
    }

    private void Trim(DateTimeOffset now, TimeSpan span)
    {
        foreach (var (key, window) in windows)
        {
            if (window.Started is not { } started || now - started >= span)
            {
                windows.TryRemove(key, out _);
            }
        }

        if (windows.Count >= MaxKeys)
        {
            windows.Clear();
        }
    }

    private sealed class Window
    {
        public DateTimeOffset? Started { get; set; }

        public int Suppressed { get; set; }
    }
}
