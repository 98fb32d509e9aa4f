using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Core.Registry.Storage;

namespace Slipway.Core.Registry;

/// <summary>
/// Deletes a version: its aliases, tags and file rows go, the row stays marked deleted so its number is never
/// reused. A held version is refused (governance §8.2: never deleted while approved or deployed); the holds are read
/// under the version's row lock, so a hold added concurrently either is seen here or finds the version gone.
/// The registry copy's bytes are deleted from the store after the commit (a failed store delete leaves orphaned
/// bytes, logged, never a live version without files).
/// </summary>
public sealed class DeleteModelVersion(
    SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, IArtifactStore store, TimeProvider time, ILogger<DeleteModelVersion> logger)
{
    public async Task<Result<Unit>> HandleAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        string? storageKey;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await VersionRowLock.LockAsync(db, id, number, cancellationToken))
            {
                return RegistryRules.VersionNotFound(found.Value.Name, number);
            }

            var holds = await db.VersionHolds.AsNoTracking().Where(h => h.RegisteredModelId == id && h.Version == number).ToListAsync(cancellationToken);
            if (holds.Count > 0)
            {
                return LifecycleErrors.HeldForDelete($"Version {number} of model '{found.Value.Name}'", VersionProtections.Describe([], holds, stage: null));
            }

            storageKey = await db.ModelVersions.Where(v => v.RegisteredModelId == id && v.Version == number)
                .Select(v => v.StorageKey).FirstAsync(cancellationToken);
            await db.RegisteredModelAliases.Where(a => a.RegisteredModelId == id && a.Version == number).ExecuteDeleteAsync(cancellationToken);
            await db.ModelVersionTags.Where(t => t.RegisteredModelId == id && t.Version == number).ExecuteDeleteAsync(cancellationToken);
            await db.ModelVersionFiles.Where(f => f.RegisteredModelId == id && f.Version == number).ExecuteDeleteAsync(cancellationToken);
            await db.ModelVersions.Where(v => v.RegisteredModelId == id && v.Version == number)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(v => v.Deleted, true).SetProperty(v => v.LastUpdatedTimestamp, now)
                        .SetProperty(v => v.FilesDeletedAt, v => v.StorageKey != null ? now : v.FilesDeletedAt),
                    cancellationToken);
            await db.RegisteredModels.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUpdatedTimestamp, now), cancellationToken);
            await events.RecordAsync(new RegistryChange(loader.WorkspaceId, id, found.Value.Name, number, RegistryEntities.ModelVersion, RegistryActions.Deleted,
                RegistryEventData.Change(found.Value.Name, number, null, null)), cancellationToken);
            await events.CommitAsync(transaction, cancellationToken);
        }

        if (storageKey is { Length: > 0 } && RegistryStorageKeys.IsRegistry(storageKey))
        {
            await RegistryFiles.DeleteAsync(store, storageKey, logger);
        }

        return Unit.Value;
    }
}
