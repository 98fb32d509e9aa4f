using System.Collections.Concurrent;
using Slipway.Contracts.Serving;
using Slipway.Core.Serving.Hosting;

namespace Slipway.Core.Serving.Routing;

/// <summary>
/// A deployment as this replica serves it: its settings and its current <see cref="RoutingTable"/>, replaced whole by
/// the reconciler. A request reads <see cref="Table"/> once at admission and keeps what it picked to completion.
/// </summary>
public sealed class DeploymentState(long id, long workspaceId, string name)
{
    private volatile RoutingTable table = RoutingTable.Empty;
    private volatile Snapshot snapshot = new(0, null!, new DeploymentSettings());

    public long Id { get; } = id;

    public long WorkspaceId { get; } = workspaceId;

    public string Name { get; } = name;

    public RoutingTable Table => table;

    public int Generation => snapshot.Generation;

    public DeploymentSpec Spec => snapshot.Spec;

    public DeploymentSettings Settings => snapshot.Settings;

    /// <summary>Per route: the version being loaded for a switch, the last failure and when to retry it.</summary>
    internal ConcurrentDictionary<string, RouteProgress> Progress { get; } = new(StringComparer.Ordinal);

    /// <summary>Versions routes switched away from, and when: held and kept loaded for the rollback grace.</summary>
    internal ConcurrentDictionary<VersionKey, long> Replaced { get; } = new();

    /// <summary>Forgets replaced versions older than the grace; true when one was forgotten (their holds go).</summary>
    internal bool ExpireReplaced(TimeProvider time, TimeSpan grace)
    {
        var expired = false;
        foreach (var (key, at) in Replaced)
        {
            if (time.GetElapsedTime(at) >= grace && Replaced.TryRemove(key, out _))
            {
                expired = true;
            }
        }

        return expired;
    }

    internal void Configure(int generation, DeploymentSpec spec, DeploymentSettings settings) => snapshot = new Snapshot(generation, spec, settings);

    internal void Swap(RoutingTable next) => table = next;

    private sealed record Snapshot(int Generation, DeploymentSpec Spec, DeploymentSettings Settings);
}

/// <summary>A route's pending switch: the version wanted, whether its load is running, and the last failure.</summary>
internal sealed class RouteProgress
{
    public VersionKey? Wanted { get; set; }

    public bool Loading { get; set; }

    public string? Reason { get; set; }

    public long RetryAt { get; set; }

    public double BackoffSeconds { get; set; }
}
