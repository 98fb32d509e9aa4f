using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Lifecycle;

/// <summary>
/// Serializes the changes that must not cross on one version (archive, restore, file deletion, alias set, hold add).
/// Each takes the version's row lock first, inside its transaction, with a no-op update that also checks the
/// row's state; what it reads after that (aliases, holds) is read in later statements, so on PostgreSQL under
/// READ COMMITTED it sees everything committed by whoever held the lock before (a condition inside the locking
/// statement would be re-checked against the old snapshot). SQLite has one writer at a time anyway.
/// </summary>
internal static class VersionRowLock
{
    /// <summary>Locks the live version if it matches <paramref name="condition"/>; false when it does not (or is gone).</summary>
    public static async Task<bool> LockAsync(
        SlipwayDbContext db, long modelId, int version, Expression<Func<ModelVersion, bool>> condition, CancellationToken cancellationToken)
    {
        var rows = await db.ModelVersions
            .Where(v => v.RegisteredModelId == modelId && v.Version == version && !v.Deleted)
            .Where(condition)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.LastUpdatedTimestamp, v => v.LastUpdatedTimestamp), cancellationToken);
        return rows == 1;
    }

    public static Task<bool> LockAsync(SlipwayDbContext db, long modelId, int version, CancellationToken cancellationToken) =>
        LockAsync(db, modelId, version, _ => true, cancellationToken);
}
