using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.Storage;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Catalog;
using Slipway.Core.Registry.Webhooks;

namespace Slipway.Core.Registry.Events;

/// <summary>What changed, for <see cref="RegistryEventLog.RecordAsync"/>.</summary>
public sealed record RegistryChange(long WorkspaceId, long RegisteredModelId, string ModelName, int? Version, string Entity, string Action, JsonObject Data);

/// <summary>
/// Records registry changes as <see cref="RegistryEvent"/> rows. Call it inside the transaction of the change, so
/// that the history, the event feed and the webhook outbox hold exactly the changes that committed; then commit
/// with <see cref="CommitAsync"/>, which wakes the delivery worker when webhooks were queued. It also refreshes the
/// catalog index of the model or version the change is about, in the same transaction. Called outside a
/// transaction, it opens its own and commits it, so that the event, the catalog refresh and the deliveries are
/// written all together or not at all.
/// </summary>
public sealed class RegistryEventLog(SlipwayDbContext db, CurrentActor actor, CatalogIndexer catalog, TimeProvider time, WebhookOutbox outbox, DeliverySignal signal, AuditLog audit, Serving.ServingSignals serving)
{
    private readonly List<(long WorkspaceId, string Model)> movedAliases = [];

    public async Task<RegistryEvent> RecordAsync(RegistryChange change, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await AddAsync(change, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var recorded = await AddAsync(change, cancellationToken);
        await CommitAsync(transaction, cancellationToken);
        return recorded;
    }

    private async Task<RegistryEvent> AddAsync(RegistryChange change, CancellationToken cancellationToken)
    {
        var row = new RegistryEvent
        {
            WorkspaceId = change.WorkspaceId,
            RegisteredModelId = change.RegisteredModelId,
            ModelName = change.ModelName,
            Version = change.Version,
            Entity = change.Entity,
            Action = change.Action,
            Actor = actor.Name,
            Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Data = change.Data.ToJsonString(),
        };
        db.RegistryEvents.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        if (change.Entity == RegistryEntities.ModelVersionAlias)
        {
            movedAliases.Add((change.WorkspaceId, change.ModelName));
        }

        await audit.RecordAsync(RegistryAudit.EntryFor(change), cancellationToken);
        // Every registry change passes here, so the catalog follows every one that changes what it indexes; a model-level
        // change (no version) touches every version, so changes the catalog does not hold (aliases, stages, holds,
        // integrity, retention policies: read live or not searched) are left out.
        if (ChangesCatalog(change))
        {
            await catalog.RefreshAsync(change.RegisteredModelId, change.Version, cancellationToken);
        }
        await outbox.EnqueueAsync(row, cancellationToken);
        return row;
    }

    private static bool ChangesCatalog(RegistryChange change) => change.Entity switch
    {
        RegistryEntities.RegisteredModel or RegistryEntities.RegisteredModelTag or RegistryEntities.ModelVersionTag => true,
        RegistryEntities.ModelVersion => change.Action is not (RegistryActions.StageChanged or RegistryActions.HoldAdded or RegistryActions.HoldRemoved
            or RegistryActions.IntegrityFailed or RegistryActions.IntegrityRestored or RegistryActions.FilesDeleted),
        _ => false,
    };

    /// <summary>Commits the change's transaction, then wakes the delivery worker if the change queued deliveries.</summary>
    public async Task CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.CommitAsync(cancellationToken);
        WakeIfQueued();
        // Deployments following an alias switch without waiting for their reconcile poll.
        foreach (var (workspaceId, model) in movedAliases)
        {
            serving.AliasMoved(workspaceId, model);
        }

        movedAliases.Clear();
    }

    private void WakeIfQueued()
    {
        if (outbox.HasQueued)
        {
            outbox.HasQueued = false;
            signal.Wake();
        }
    }
}
