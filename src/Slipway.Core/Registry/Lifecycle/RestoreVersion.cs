using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// Brings an archived version back while it still has its files. If it is still in stage Archived it returns to
/// the stage it had when it was archived; a stage set since then (through MLflow's transition-stage) is kept.
/// </summary>
public sealed class RestoreVersion(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time)
{
    public async Task<Result<ModelVersion>> HandleAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var number = RegistryRules.Version(version);
        if (!number.IsSuccess)
        {
            return number.Error;
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await VersionRowLock.LockAsync(db, model.Id, number.Value, cancellationToken))
        {
            return RegistryRules.VersionNotFound(model.Name, number.Value);
        }

        var row = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.RegisteredModelId == model.Id && v.Version == number.Value, cancellationToken);
        if (row.FilesDeletedAt is { } deletedAt)
        {
            return LifecycleErrors.FilesDeleted(model.Name, number.Value, deletedAt);
        }

        if (row.ArchivedAt is not { } archivedAt)
        {
            return LifecycleErrors.NotArchived(model.Name, number.Value);
        }

        var stage = row.CurrentStage == Stages.Archived ? await StageBeforeArchiveAsync(model.Id, number.Value, cancellationToken) : row.CurrentStage;
        await db.ModelVersions.Where(v => v.RegisteredModelId == model.Id && v.Version == number.Value)
            .ExecuteUpdateAsync(
                s => s.SetProperty(v => v.ArchivedAt, (long?)null).SetProperty(v => v.CurrentStage, stage).SetProperty(v => v.LastUpdatedTimestamp, now),
                cancellationToken);
        await events.RecordAsync(
            new RegistryChange(model.WorkspaceId, model.Id, model.Name, number.Value, RegistryEntities.ModelVersion, RegistryActions.Restored, new JsonObject
            {
                ["before"] = new JsonObject { ["stage"] = row.CurrentStage, ["archived_at"] = archivedAt },
                ["after"] = new JsonObject { ["stage"] = stage, ["archived_at"] = null },
            }),
            cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        row.ArchivedAt = null;
        row.CurrentStage = stage;
        row.LastUpdatedTimestamp = now;
        return row;
    }

    private async Task<string> StageBeforeArchiveAsync(long modelId, int number, CancellationToken cancellationToken)
    {
        var data = await db.RegistryEvents.AsNoTracking()
            .Where(e => e.RegisteredModelId == modelId && e.Version == number && e.Entity == RegistryEntities.ModelVersion && e.Action == RegistryActions.Archived)
            .OrderByDescending(e => e.Id)
            .Select(e => e.Data)
            .FirstOrDefaultAsync(cancellationToken);
        var stage = data is null ? null : JsonNode.Parse(data)?["before"]?["stage"]?.GetValue<string>();
        return Stages.Canonical(stage) is { } known && known != Stages.Archived ? known : Stages.None;
    }
}
