using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

/// <summary>
/// Deletes a version: its aliases and tags go, the row stays marked deleted so its number is never reused.
/// </summary>
public sealed class DeleteModelVersion(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time)
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RegisteredModelAliases.Where(a => a.RegisteredModelId == id && a.Version == number).ExecuteDeleteAsync(cancellationToken);
        await db.ModelVersionTags.Where(t => t.RegisteredModelId == id && t.Version == number).ExecuteDeleteAsync(cancellationToken);
        await db.ModelVersions.Where(v => v.RegisteredModelId == id && v.Version == number)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Deleted, true).SetProperty(v => v.LastUpdatedTimestamp, now), cancellationToken);
        await db.RegisteredModels.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUpdatedTimestamp, now), cancellationToken);
        await events.RecordAsync(new RegistryChange(Workspace.DefaultId, id, found.Value.Name, number, RegistryEntities.ModelVersion, RegistryActions.Deleted,
            RegistryEventData.Change(found.Value.Name, number, null, null)), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }
}
