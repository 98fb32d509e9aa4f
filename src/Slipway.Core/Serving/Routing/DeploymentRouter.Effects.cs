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

/// <summary>What the routing tables mean elsewhere: retention holds, the host's keep-warm policy and the routes' reported status.</summary>
public sealed partial class DeploymentRouter
{
    /// <summary>
    /// Holds exactly what the deployment needs: the versions its routes serve, the versions they are switching to
    /// (the registry's current targets), and versions replaced within the rollback grace.
    /// </summary>
    private async Task SyncHoldsAsync(DeploymentState state, RoutingTable table, IReadOnlySet<VersionKey> targets, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var holds = scope.ServiceProvider.GetRequiredService<DeploymentHolds>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The deployment's row lock, taken only if it is still the generation this pass read: an update or delete
            // made meanwhile has synced the holds itself, and a stale pass must not undo that.
            var generation = state.Generation;
            var locked = await db.Deployments.Where(d => d.Id == state.Id && d.Generation == generation)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.UpdatedAt, d => d.UpdatedAt), cancellationToken);
            if (locked != 1)
            {
                Wake();
                return;
            }

            // What the routes serve, and what they served until lately: a replaced version stays held while it is kept for rollback.
            var versions = table.All.Select(r => r.Key).Concat(targets).Concat(state.Replaced.Keys).Distinct().Select(k => (k.ModelId, k.Version)).ToList();
            await holds.SyncAsync(state.WorkspaceId, state.Name, versions, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            LogHoldSyncFailed(logger, state.Name, e.Message);
        }
    }

    /// <summary>Tells the host which versions to keep warm and how long the others may idle.</summary>
    private void PublishPolicy()
    {
        var pinned = new HashSet<VersionKey>();
        var idle = new Dictionary<VersionKey, TimeSpan>();
        foreach (var state in deployments.Values)
        {
            foreach (var route in state.Table.All)
            {
                if (route.KeepWarm && !route.IsShadow)
                {
                    pinned.Add(route.Key);
                }

                var timeout = state.Settings.IdleUnloadAfter;
                idle[route.Key] = idle.TryGetValue(route.Key, out var existing) && existing < timeout ? existing : timeout;
            }
        }

        host.SetPolicy(pinned, idle);
    }

    /// <summary>The routes' live state for the deployments API.</summary>
    public IReadOnlyList<RouteStatus> Describe(DeploymentState state)
    {
        var result = new List<RouteStatus>();
        foreach (var route in state.Spec.Routes)
        {
            var active = state.Table.Find(route.Id);
            state.Progress.TryGetValue(route.Id, out var progress);
            var wanted = progress?.Wanted;
            if (active is null)
            {
                // Not serving yet: the version being loaded for it, and how that load goes.
                // Loaded but not switched in yet is still pending: only routes in the table serve.
                var (loadState, loadReason) = wanted is { } w ? host.Describe(w) : (null, null);
                var pendingState = loadState is VersionState.Loading or VersionState.Warming or VersionState.Failed ? ModelHost.StateName(loadState.Value) : "pending";
                result.Add(new RouteStatus(route.Id, route.Target.Model, wanted?.Version, pendingState, null, progress?.Reason ?? loadReason));
                continue;
            }

            var (hostState, reason) = host.Describe(active.Key);
            var label = hostState is { } s ? ModelHost.StateName(s) : "unloaded";
            result.Add(new RouteStatus(route.Id, route.Target.Model, active.Key.Version, label,
                wanted is { } next && next != active.Key ? next.Version : null, progress?.Reason ?? reason));
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment '{Deployment}' route '{Route}' switched from version {OldVersion} to version {NewVersion}")]
    private static partial void LogSwitched(ILogger logger, string deployment, string route, int oldVersion, int newVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment '{Deployment}' route '{Route}' serves '{Model}' version {Version}")]
    private static partial void LogRouteServing(ILogger logger, string deployment, string route, string model, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment '{Deployment}' route '{Route}' could not switch to version {Version}; the current version keeps serving: {Reason}")]
    private static partial void LogSwitchFailed(ILogger logger, string deployment, string route, int version, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deployment '{Deployment}' has a stored spec that does not parse: {Reason}")]
    private static partial void LogBadSpec(ILogger logger, string deployment, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment '{Deployment}' was deleted; its versions are released")]
    private static partial void LogRemoved(ILogger logger, string deployment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deployment '{Deployment}': updating the retention holds of its versions failed: {Reason}")]
    private static partial void LogHoldSyncFailed(ILogger logger, string deployment, string reason);
}
