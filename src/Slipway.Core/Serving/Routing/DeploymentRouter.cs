using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Contracts.Serving;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Serving.Deployments;
using Slipway.Core.Serving.Hosting;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving.Routing;

/// <summary>
/// Keeps every deployment's routing table in step with the database (serving spec §3.6). Each pass reads the
/// deployments and the aliases their routes follow; a route whose target moved switches only once the new version
/// is loaded and warmed (warm primaries) — load, warm, switch atomically, drain and keep the old one for rollback —
/// and a version that fails to load leaves the old one serving, with the reason reported and retries backing off
/// from 5 s to 5 min. Lazy routes (shadows, <c>keep_warm: false</c>) switch at once and load on first use.
/// Passes run on signals (this replica's changes) and on a timer (other replicas').
/// </summary>
public sealed partial class DeploymentRouter(
    IServiceScopeFactory scopes,
    ModelHost host,
    ServingMetrics metrics,
    IOptions<ServingOptions> options,
    TimeProvider time,
    ILogger<DeploymentRouter> logger)
{
    private readonly ConcurrentDictionary<(long WorkspaceId, string Name), DeploymentState> deployments = new();
    private readonly SemaphoreSlim pass = new(1, 1);
    private readonly SemaphoreSlim wake = new(0, int.MaxValue);

    /// <summary>A deployment by workspace and name, as this replica serves it.</summary>
    public DeploymentState? Find(long workspaceId, string name) =>
        deployments.TryGetValue((workspaceId, name), out var state) ? state : null;

    public IEnumerable<DeploymentState> All => deployments.Values;

    /// <summary>Asks for a pass soon (the background loop waits on this or its timer).</summary>
    public void Wake() => wake.Release();

    internal async Task WaitForWakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await wake.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A timed-out wait is just the timer.
        }

        // Collapse a burst of signals into one pass.
        while (wake.CurrentCount > 0 && await wake.WaitAsync(0, cancellationToken))
        {
        }
    }

    /// <summary>One reconcile pass over every deployment; waits for the eager loads it starts only when asked to.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await pass.WaitAsync(cancellationToken);
        try
        {
            await ReconcileCoreAsync(cancellationToken);
        }
        finally
        {
            pass.Release();
        }
    }

    private async Task ReconcileCoreAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var rows = await db.Deployments.AsNoTracking().ToListAsync(cancellationToken);
        var seen = new HashSet<(long, string)>();
        foreach (var row in rows)
        {
            seen.Add((row.WorkspaceId, row.Name));
            var state = deployments.GetOrAdd((row.WorkspaceId, row.Name), _ => new DeploymentState(row.Id, row.WorkspaceId, row.Name));
            if (state.Id != row.Id)
            {
                // Deleted and created again under the same name: start afresh.
                state = new DeploymentState(row.Id, row.WorkspaceId, row.Name);
                deployments[(row.WorkspaceId, row.Name)] = state;
            }

            if (state.Generation != row.Generation || state.Spec is null)
            {
                DeploymentSpec spec;
                try
                {
                    spec = DeploymentSpecs.Parse(row);
                }
                catch (JsonException e)
                {
                    LogBadSpec(logger, row.Name, e.Message);
                    continue;
                }

                state.Configure(row.Generation, spec, DeploymentSettings.From(spec, TimeSpan.FromSeconds(options.Value.IdleUnloadAfterSeconds)));
            }

            await ReconcileDeploymentAsync(db, state, row.Salt, cancellationToken);
        }

        foreach (var gone in deployments.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            if (deployments.TryRemove(gone, out var removed))
            {
                foreach (var route in removed.Table.All)
                {
                    host.MarkReplaced(route.Key);
                }

                LogRemoved(logger, gone.Name);
            }
        }

        PublishPolicy();
    }

    private async Task ReconcileDeploymentAsync(SlipwayDbContext db, DeploymentState state, string salt, CancellationToken cancellationToken)
    {
        var spec = state.Spec;
        var current = state.Table;
        var next = new List<ActiveRoute>();
        var switched = new List<(ActiveRoute? Old, ActiveRoute New)>();
        var targets = new HashSet<VersionKey>();
        foreach (var route in spec.Routes)
        {
            var role = route.Role ?? RouteRoles.Primary;
            var keepWarm = route.KeepWarm ?? role == RouteRoles.Primary;
            var old = current.Find(route.Id);
            var wanted = await ResolveAsync(db, state.WorkspaceId, route.Target, cancellationToken);
            var progress = state.Progress.GetOrAdd(route.Id, _ => new RouteProgress());
            if (wanted is null)
            {
                progress.Reason = route.Target.Alias is null
                    ? $"model '{route.Target.Model}' version {route.Target.Version} is not in the registry or cannot be served (deleted, archived, not ready or unsafe_format)"
                    : $"alias '{route.Target.Alias}' of model '{route.Target.Model}' does not exist or points to a version that cannot be served";
                if (old is not null)
                {
                    next.Add(old);
                }

                continue;
            }

            targets.Add(wanted.Value);
            var candidate = new ActiveRoute(route.Id, role, wanted.Value, route.Target.Model, route.Target.Alias,
                role == RouteRoles.Primary ? route.Weight ?? DeploymentLimits.DefaultWeight : 0, role == RouteRoles.Shadow ? route.SamplePercent ?? DeploymentLimits.DefaultShadowSamplePercent : 0, keepWarm);
            if (old is not null && old.Key == candidate.Key)
            {
                next.Add(candidate);
                progress.Wanted = null;
                progress.Reason = null;
                continue;
            }

            if (!keepWarm || host.TryGetReady(candidate.Key) is not null && Compatible(old, candidate) is null)
            {
                next.Add(candidate);
                switched.Add((old, candidate));
                progress.Wanted = null;
                progress.Reason = null;
                continue;
            }

            if (host.TryGetReady(candidate.Key) is not null && Compatible(old, candidate) is { } incompatible)
            {
                Fail(state, route.Id, progress, candidate.Key, incompatible);
            }
            else
            {
                StartSwitchLoad(state, route.Id, progress, candidate);
            }

            if (old is not null)
            {
                next.Add(old);
            }
        }

        var table = new RoutingTable(next, salt);
        if (switched.Count > 0 || !SameRoutes(current, table))
        {
            state.Swap(table);
            foreach (var (old, now) in switched)
            {
                if (old is not null && old.Key != now.Key)
                {
                    host.MarkReplaced(old.Key);
                    state.Replaced[old.Key] = time.GetTimestamp();
                    metrics.AliasSwitches.WithLabels(state.Name, "switched").Inc();
                    LogSwitched(logger, state.Name, now.Id, old.Key.Version, now.Key.Version);
                }
                else if (old is null)
                {
                    LogRouteServing(logger, state.Name, now.Id, now.ModelName, now.Key.Version);
                }
            }

            foreach (var route in table.Primaries)
            {
                metrics.RouteWeight.WithLabels(state.Name, route.Id, route.Key.Version.ToString(CultureInfo.InvariantCulture)).Set(route.Weight);
            }

            await SyncHoldsAsync(state, table, targets, cancellationToken);
        }
        else if (state.ExpireReplaced(time, TimeSpan.FromSeconds(options.Value.RollbackGraceSeconds)))
        {
            await SyncHoldsAsync(state, table, targets, cancellationToken);
        }
    }

    /// <summary>Null when the new version takes the old one's requests: every input the old one took, with the same type.</summary>
    private string? Compatible(ActiveRoute? old, ActiveRoute candidate)
    {
        if (old is null || host.TryGetReady(old.Key) is not { } before || host.TryGetReady(candidate.Key) is not { } after)
        {
            return null;
        }

        foreach (var input in before.Schema.Inputs)
        {
            var match = after.Schema.Input(input.Name);
            if (match is null && input.Required)
            {
                return $"version {candidate.Key.Version} lacks input '{input.Name}' that version {old.Key.Version} takes";
            }

            if (match is not null && match.Type != input.Type)
            {
                return $"input '{input.Name}' is {match.Type.OipName()} in version {candidate.Key.Version} but {input.Type.OipName()} in version {old.Key.Version}";
            }
        }

        foreach (var input in after.Schema.Inputs.Where(i => i.Required && before.Schema.Input(i.Name) is null))
        {
            return $"version {candidate.Key.Version} requires input '{input.Name}' that version {old.Key.Version} did not";
        }

        return null;
    }

    private void StartSwitchLoad(DeploymentState state, string routeId, RouteProgress progress, ActiveRoute candidate)
    {
        lock (progress)
        {
            if (progress.Loading && progress.Wanted == candidate.Key)
            {
                return;
            }

            if (progress.Wanted == candidate.Key && progress.Reason is not null && time.GetTimestamp() < progress.RetryAt)
            {
                return;
            }

            if (progress.Wanted != candidate.Key)
            {
                progress.BackoffSeconds = 0;
            }

            progress.Wanted = candidate.Key;
            progress.Loading = true;
        }

        var scheduling = SchedulerPlans.For(state.Settings);
        _ = Task.Run(async () =>
        {
            var outcome = await host.LoadAsync(candidate.Key, scheduling, CancellationToken.None);
            lock (progress)
            {
                progress.Loading = false;
            }

            if (outcome.Version is null)
            {
                Fail(state, routeId, progress, candidate.Key, outcome.FailureReason ?? "the load failed");
            }
            else
            {
                lock (progress)
                {
                    progress.Reason = null;
                    progress.BackoffSeconds = 0;
                }
            }

            Wake();
        });
    }

    private void Fail(DeploymentState state, string routeId, RouteProgress progress, VersionKey key, string reason)
    {
        lock (progress)
        {
            var settings = options.Value;
            progress.Wanted = key;
            progress.Reason = reason;
            progress.BackoffSeconds = progress.BackoffSeconds <= 0
                ? settings.SwitchRetryMinSeconds
                : Math.Min(settings.SwitchRetryMaxSeconds, progress.BackoffSeconds * 2);
            progress.RetryAt = time.GetTimestamp() + (long)(progress.BackoffSeconds * time.TimestampFrequency);
        }

        metrics.AliasSwitches.WithLabels(state.Name, "failed").Inc();
        LogSwitchFailed(logger, state.Name, routeId, key.Version, reason);
    }

    private static bool SameRoutes(RoutingTable a, RoutingTable b) =>
        a.Salt == b.Salt && a.All.Count() == b.All.Count() && a.All.Zip(b.All).All(p => p.First == p.Second);

    private static async Task<VersionKey?> ResolveAsync(SlipwayDbContext db, long workspaceId, TargetSpec target, CancellationToken cancellationToken)
    {
        var model = await db.RegisteredModels.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.Name == target.Model)
            .Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
        if (model is null)
        {
            return null;
        }

        if (target.Alias is not null)
        {
            var version = await db.RegisteredModelAliases.AsNoTracking()
                .Where(a => a.RegisteredModelId == model && a.Alias == target.Alias)
                .Select(a => (int?)a.Version).FirstOrDefaultAsync(cancellationToken);
            return version is not null && await ServableAsync(db, model.Value, version.Value, cancellationToken) ? new VersionKey(model.Value, version.Value) : null;
        }

        return await ServableAsync(db, model.Value, target.Version!.Value, cancellationToken) ? new VersionKey(model.Value, target.Version!.Value) : null;
    }

    /// <summary>Live, ready, not archived and loadable without running code: what a route may switch to.</summary>
    private static Task<bool> ServableAsync(SlipwayDbContext db, long model, int version, CancellationToken cancellationToken) =>
        db.ModelVersions.AsNoTracking().AnyAsync(
            v => v.RegisteredModelId == model && v.Version == version && !v.Deleted && !v.UnsafeFormat && v.ArchivedAt == null && v.Status == "READY",
            cancellationToken);

}
