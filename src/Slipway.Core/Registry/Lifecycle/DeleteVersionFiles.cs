using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// Deletes the registry-owned files of a version archived before <c>cutoff</c>, unless it is held or an alias points
/// to it: the file rows go and <see cref="ModelVersion.FilesDeletedAt"/> is set in one transaction with the history
/// record, and the bytes are deleted from the store after that commits (so a failed commit never loses files; a
/// failed store delete leaves orphaned bytes, logged, never a version that claims files it lacks). Files outside
/// registry storage (a version without <see cref="ModelVersion.StorageKey"/> still reads its run's artifacts) are not touched.
/// </summary>
public sealed class DeleteVersionFiles(SlipwayDbContext db, IArtifactStore store, RegistryEventLog events, TimeProvider time, ILogger<DeleteVersionFiles> logger)
{
    internal async Task<Result<ModelVersion>> DeleteAsync(RegisteredModel model, int number, long cutoff, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        ModelVersion row;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await VersionRowLock.LockAsync(db, model.Id, number, v => v.ArchivedAt != null && v.ArchivedAt <= cutoff && v.FilesDeletedAt == null, cancellationToken))
            {
                return Error.Conflict($"Version {number} of model '{model.Name}' is no longer archived past the grace period, or its files are gone already.");
            }

            var protections = await VersionProtections.FindAsync(db, model.Id, number, stage: null, cancellationToken);
            if (protections.Count > 0)
            {
                return Error.Conflict($"The files of version {number} of model '{model.Name}' are kept: {string.Join("; ", protections)}.");
            }

            row = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.RegisteredModelId == model.Id && v.Version == number, cancellationToken);
            var files = await db.ModelVersionFiles.Where(f => f.RegisteredModelId == model.Id && f.Version == number)
                .GroupBy(_ => 1)
                .Select(g => new { Count = g.Count(), Bytes = g.Sum(f => f.Size) })
                .FirstOrDefaultAsync(cancellationToken);
            await db.ModelVersionFiles.Where(f => f.RegisteredModelId == model.Id && f.Version == number).ExecuteDeleteAsync(cancellationToken);
            await db.ModelVersions.Where(v => v.RegisteredModelId == model.Id && v.Version == number)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.FilesDeletedAt, now).SetProperty(v => v.LastUpdatedTimestamp, now), cancellationToken);
            await events.RecordAsync(
                new RegistryChange(model.WorkspaceId, model.Id, model.Name, number, RegistryEntities.ModelVersion, RegistryActions.FilesDeleted, new JsonObject
                {
                    ["reason"] = reason,
                    ["storage_key"] = row.StorageKey,
                    ["files"] = files?.Count ?? 0,
                    ["bytes"] = files?.Bytes ?? 0,
                    ["before"] = new JsonObject { ["files_deleted_at"] = null },
                    ["after"] = new JsonObject { ["files_deleted_at"] = now },
                }),
                cancellationToken);
            await events.CommitAsync(transaction, cancellationToken);
        }

        if (row.StorageKey is { Length: > 0 } key)
        {
            try
            {
                await store.DeleteAsync(key, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException or HttpRequestException)
            {
                LifecycleLog.StoreDeleteFailed(logger, model.Name, number, key, e);
            }
        }

        row.FilesDeletedAt = now;
        return row;
    }
}
