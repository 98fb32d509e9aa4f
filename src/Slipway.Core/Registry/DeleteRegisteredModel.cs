using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Core.Registry.Storage;

namespace Slipway.Core.Registry;

/// <summary>
/// Deletes a registered model with its versions, tags, aliases and file rows (cascading foreign keys), refused while
/// any of its versions is held. Every version row is locked before the holds are read, so a hold added concurrently
/// is either seen here or finds its version gone. The model's registry storage is deleted after the commit.
/// </summary>
public sealed class DeleteRegisteredModel(
    SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, IArtifactStore store, ILogger<DeleteRegisteredModel> logger)
{
    public async Task<Result<Unit>> HandleAsync(string? name, CancellationToken cancellationToken)
    {
        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The same no-op update as VersionRowLock, on all of the model's versions at once.
            await db.ModelVersions.Where(v => v.RegisteredModelId == model.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.LastUpdatedTimestamp, v => v.LastUpdatedTimestamp), cancellationToken);
            var holds = await db.VersionHolds.AsNoTracking().Where(h => h.RegisteredModelId == model.Id).ToListAsync(cancellationToken);
            if (holds.Count > 0)
            {
                var held = holds.GroupBy(h => h.Version).OrderBy(g => g.Key)
                    .Select(g => $"version {g.Key} is {string.Join(", ", VersionProtections.Describe([], g, stage: null))}")
                    .ToList();
                return LifecycleErrors.HeldForDelete($"Model '{model.Name}'", held);
            }

            await db.RegisteredModels.Where(m => m.Id == model.Id).ExecuteDeleteAsync(cancellationToken);
            await events.RecordAsync(new RegistryChange(model.WorkspaceId, model.Id, model.Name, null, RegistryEntities.RegisteredModel, RegistryActions.Deleted,
                RegistryEventData.Change(model.Name, null, null, null)), cancellationToken);
            await events.CommitAsync(transaction, cancellationToken);
        }

        await RegistryFiles.DeleteAsync(store, RegistryStorageKeys.ForModel(model.Id), logger);
        return Unit.Value;
    }
}
