using System.Globalization;
using Microsoft.Extensions.Logging;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Hosting;

/// <summary>
/// The host's unloading side: idle and replaced versions leave after their time, loads over the memory budget evict
/// the least recently used versions nobody pins, and every unload drains the version's queue before its engine goes.
/// </summary>
public sealed partial class ModelHost
{
    /// <summary>
    /// What the router wants kept: versions that must stay loaded (warm primaries), and the idle timeout of every
    /// version some route refers to. Called after every routing change.
    /// </summary>
    public void SetPolicy(IReadOnlySet<VersionKey> pinned, IReadOnlyDictionary<VersionKey, TimeSpan> idleTimeouts)
    {
        policy = new HostPolicy(pinned, idleTimeouts);
        foreach (var key in pinned.Concat(idleTimeouts.Keys))
        {
            replacedAt.TryRemove(key, out _);
        }
    }

    /// <summary>Marks a version a switch moved away from: it stays for the rollback grace, then goes unless a route refers to it again.</summary>
    public void MarkReplaced(VersionKey key) => replacedAt[key] = time.GetTimestamp();

    /// <summary>True when the version was loaded more often than allowed within the last hour: keep it rather than churn.</summary>
    private bool ChurnPinned(VersionKey key)
    {
        if (!loadHistory.TryGetValue(key, out var history))
        {
            return false;
        }

        lock (history)
        {
            var now = time.GetTimestamp();
            return history.Count(t => time.GetElapsedTime(t, now) <= TimeSpan.FromHours(1)) > Settings.MaxReloadsPerHour;
        }
    }

    /// <summary>
    /// Before a load that may add <paramref name="incoming"/> bytes: evicts least-recently-used versions nobody pins
    /// until the budget holds; refuses the load when nothing more can go.
    /// </summary>
    private void MakeRoom(string model, int version, long incoming)
    {
        var budget = Settings.MemoryBudgetBytes;
        if (budget <= 0)
        {
            return;
        }

        var current = policy;
        while (ready.Values.Sum(v => v.FootprintBytes) + incoming > budget)
        {
            var victim = ready.Values
                .Where(v => v.State == VersionState.Ready && !current.Pinned.Contains(v.Key) && !ChurnPinned(v.Key))
                .OrderBy(v => v.LastUsedTimestamp)
                .FirstOrDefault();
            if (victim is null)
            {
                throw new ModelLoadException($"loading '{model}' version {version} would exceed the serving memory budget ({budget} bytes) and nothing can be evicted");
            }

            _ = UnloadAsync(victim, "evicted");
        }
    }

    /// <summary>Unloads idle versions, versions replaced longer than the rollback grace ago, and evicts over the memory budget.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        metrics.ProcessMemory.Set(ProcessMemory.ResidentBytes());
        var current = policy;
        var now = time.GetTimestamp();
        var unloads = new List<Task>();
        foreach (var version in ready.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (version.State != VersionState.Ready || current.Pinned.Contains(version.Key))
            {
                continue;
            }

            var referenced = current.IdleTimeouts.TryGetValue(version.Key, out var idle);
            if (!referenced && replacedAt.TryGetValue(version.Key, out var replaced))
            {
                if (time.GetElapsedTime(replaced, now) >= TimeSpan.FromSeconds(Settings.RollbackGraceSeconds))
                {
                    replacedAt.TryRemove(version.Key, out _);
                    unloads.Add(UnloadAsync(version, "replaced"));
                }

                continue;
            }

            var timeout = referenced ? idle : TimeSpan.FromSeconds(Settings.IdleUnloadAfterSeconds);
            if (time.GetElapsedTime(version.LastUsedTimestamp, now) >= timeout && !ChurnPinned(version.Key))
            {
                unloads.Add(UnloadAsync(version, "idle"));
            }
        }

        await Task.WhenAll(unloads);
    }

    /// <summary>Leaves routing, waits for queued and running requests (up to the drain timeout), then disposes the engine.</summary>
    public async Task UnloadAsync(HostedVersion version, string reason)
    {
        if (!version.TryBeginDrain())
        {
            return;
        }

        ready.TryRemove(new KeyValuePair<VersionKey, HostedVersion>(version.Key, version));
        var labels = (version.Info.ModelName, version.Key.Version.ToString(CultureInfo.InvariantCulture));
        SetState(labels, VersionState.Draining);
        try
        {
            await version.Scheduler.DrainAsync().WaitAsync(TimeSpan.FromSeconds(Settings.DrainTimeoutSeconds), time);
        }
        catch (TimeoutException)
        {
            LogDrainTimedOut(logger, version.Info.ModelName, version.Key.Version);
        }

        version.Scheduler.Dispose();
        version.Model.Dispose();
        version.MarkUnloaded();
        SetState(labels, VersionState.Unloaded);
        metrics.ModelMemory.RemoveLabelled(labels.ModelName, labels.Item2);
        metrics.ModelUnloads.WithLabels(reason).Inc();
        LogUnloaded(logger, version.Info.ModelName, version.Key.Version, reason);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var version in ready.Values)
        {
            if (version.TryBeginDrain())
            {
                version.Scheduler.Dispose();
                version.Model.Dispose();
                version.MarkUnloaded();
            }
        }

        ready.Clear();
        await Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model '{Model}' version {Version} did not drain in time; disposing it with requests still queued")]
    private static partial void LogDrainTimedOut(ILogger logger, string model, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloaded model '{Model}' version {Version} ({Reason})")]
    private static partial void LogUnloaded(ILogger logger, string model, int version, string reason);

    private sealed record HostPolicy(IReadOnlySet<VersionKey> Pinned, IReadOnlyDictionary<VersionKey, TimeSpan> IdleTimeouts)
    {
        public static HostPolicy Empty { get; } = new(new HashSet<VersionKey>(), new Dictionary<VersionKey, TimeSpan>());
    }
}
