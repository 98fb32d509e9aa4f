using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Events;
using Slipway.Core.Registry.Lifecycle;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// "A deployed version holds its registry version against retention": keeps the <see cref="HoldKinds.Deployment"/>
/// holds of a deployment (reference: its name) equal to the versions it serves. Holds are added and removed with the
/// same history records and version row lock as <see cref="VersionHolds"/>, inside the caller's transaction when
/// there is one (so a deployment change and its holds commit together), else in a transaction of their own.
/// </summary>
public sealed class DeploymentHolds(SlipwayDbContext db, RegistryEventLog events, CurrentActor actor, TimeProvider time)
{
    /// <summary>
    /// Makes exactly <paramref name="versions"/> (registered model id, version number; models of
    /// <paramref name="workspaceId"/>) held by deployment <paramref name="deploymentName"/>; an empty set removes all
    /// its holds. A version that is gone (deleted) is skipped. Idempotent.
    /// </summary>
    public async Task SyncAsync(long workspaceId, string deploymentName, IReadOnlyCollection<(long RegisteredModelId, int Version)> versions, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await ApplyAsync(workspaceId, deploymentName, versions, cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ApplyAsync(workspaceId, deploymentName, versions, cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
    }

    /// <summary>The versions deployment <paramref name="deploymentName"/> of <paramref name="workspaceId"/> holds now.</summary>
    public async Task<List<(long RegisteredModelId, int Version)>> HeldAsync(long workspaceId, string deploymentName, CancellationToken cancellationToken)
    {
        var rows = await (from h in db.VersionHolds.AsNoTracking()
                join m in db.RegisteredModels.AsNoTracking() on h.RegisteredModelId equals m.Id
                where m.WorkspaceId == workspaceId && h.Kind == HoldKinds.Deployment && h.Reference == deploymentName
                select new { h.RegisteredModelId, h.Version })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => (r.RegisteredModelId, r.Version));
    }

    private async Task ApplyAsync(long workspaceId, string name, IReadOnlyCollection<(long RegisteredModelId, int Version)> versions, CancellationToken cancellationToken)
    {
        var wanted = versions.ToHashSet();
        var held = (await HeldAsync(workspaceId, name, cancellationToken)).ToHashSet();
        var modelIds = wanted.Concat(held).Select(v => v.RegisteredModelId).Distinct().ToList();
        var models = await db.RegisteredModels.AsNoTracking().Where(m => modelIds.Contains(m.Id) && m.WorkspaceId == workspaceId)
            .ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);

        foreach (var (modelId, version) in held.Except(wanted).OrderBy(v => v))
        {
            await db.VersionHolds
                .Where(h => h.RegisteredModelId == modelId && h.Version == version && h.Kind == HoldKinds.Deployment && h.Reference == name)
                .ExecuteDeleteAsync(cancellationToken);
            await events.RecordAsync(Change(workspaceId, modelId, models[modelId], version, RegistryActions.HoldRemoved, name), cancellationToken);
        }

        foreach (var (modelId, version) in wanted.Except(held).OrderBy(v => v))
        {
            // The row lock orders this hold against a concurrent archive, as VersionHolds does.
            if (!models.TryGetValue(modelId, out var modelName) || !await VersionRowLock.LockAsync(db, modelId, version, cancellationToken))
            {
                continue;
            }

            db.VersionHolds.Add(new VersionHold
            {
                RegisteredModelId = modelId,
                Version = version,
                Kind = HoldKinds.Deployment,
                Reference = name,
                Reason = Reason(name),
                CreatedBy = actor.Name,
                CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            });
            await db.SaveChangesAsync(cancellationToken);
            await events.RecordAsync(Change(workspaceId, modelId, modelName, version, RegistryActions.HoldAdded, name), cancellationToken);
        }
    }

    private static string Reason(string deployment) => $"Deployment '{deployment}' serves this version.";

    private static RegistryChange Change(long workspaceId, long modelId, string model, int version, string action, string deployment) =>
        new(workspaceId, modelId, model, version, RegistryEntities.ModelVersion, action, new JsonObject
        {
            ["hold"] = new JsonObject { ["kind"] = HoldKinds.Deployment, ["reference"] = deployment, ["reason"] = Reason(deployment) },
        });
}
