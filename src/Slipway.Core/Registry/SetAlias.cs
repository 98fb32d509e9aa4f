using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

/// <summary>Points an alias at a live, non-archived version, creating it or moving it from another version.</summary>
public sealed class SetAlias(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time)
{
    public async Task<Result<Unit>> HandleAsync(string? name, string? alias, string? version, CancellationToken cancellationToken)
    {
        if (RegistryRules.Alias(alias) is { } aliasError)
        {
            return aliasError;
        }

        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Under the version's row lock, so that an archive running at the same time either sees the alias or is seen here.
        if (!await Lifecycle.VersionRowLock.LockAsync(db, id, number, v => v.ArchivedAt == null, cancellationToken))
        {
            return Lifecycle.LifecycleErrors.Archived(found.Value.Name, number, $"alias '{alias}' cannot point to it");
        }

        var existing = await db.RegisteredModelAliases.FirstOrDefaultAsync(a => a.RegisteredModelId == id && a.Alias == alias, cancellationToken);
        var previous = existing?.Version;
        if (existing is null)
        {
            db.RegisteredModelAliases.Add(new RegisteredModelAlias { RegisteredModelId = id, Alias = alias!, Version = number });
        }
        else
        {
            existing.Version = number;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // A concurrent set of the same alias won; the last writer decides where it points.
            db.ChangeTracker.Clear();
            await db.RegisteredModelAliases.Where(a => a.RegisteredModelId == id && a.Alias == alias)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Version, number), cancellationToken);
        }

        await db.RegisteredModels.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUpdatedTimestamp, now), cancellationToken);
        var modelName = found.Value.Name;
        // MLflow announces every set as MODEL_VERSION_ALIAS.CREATED with its exact payload; a move from another
        // version is also recorded as Slipway's MOVED, with where the alias pointed before.
        await events.RecordAsync(new RegistryChange(loader.WorkspaceId, id, modelName, number, RegistryEntities.ModelVersionAlias, RegistryActions.Created,
            RegistryEventData.AliasCreated(modelName, alias!, number)), cancellationToken);
        if (previous is { } from && from != number)
        {
            await events.RecordAsync(new RegistryChange(loader.WorkspaceId, id, modelName, number, RegistryEntities.ModelVersionAlias, RegistryActions.Moved,
                RegistryEventData.Change(modelName, null, Text(from), Text(number), ("alias", alias))), cancellationToken);
        }

        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }

    private static string Text(int version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
