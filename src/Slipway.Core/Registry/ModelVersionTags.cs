using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

/// <summary>Sets (upserts) and deletes model version tags; the version must exist and not be deleted.</summary>
public sealed class ModelVersionTags(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events)
{
    public async Task<Result<Unit>> SetAsync(string? name, string? version, string? key, string? value, CancellationToken cancellationToken)
    {
        if (RegistryRules.Tag(key, value) is { } error)
        {
            return error;
        }

        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tag = await db.ModelVersionTags.FirstOrDefaultAsync(t => t.RegisteredModelId == id && t.Version == number && t.Key == key, cancellationToken);
        if (tag is null)
        {
            db.ModelVersionTags.Add(new ModelVersionTag { RegisteredModelId = id, Version = number, Key = key!, Value = value ?? "" });
        }
        else
        {
            tag.Value = value ?? "";
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // A concurrent set of the same key won; tags are last-writer-wins.
            db.ChangeTracker.Clear();
            await db.ModelVersionTags.Where(t => t.RegisteredModelId == id && t.Version == number && t.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value ?? ""), cancellationToken);
        }

        await events.RecordAsync(new RegistryChange(loader.WorkspaceId, id, found.Value.Name, number, RegistryEntities.ModelVersionTag, RegistryActions.Set,
            RegistryEventData.VersionTagSet(found.Value.Name, number, key!, value ?? "")), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }

    public async Task<Result<Unit>> DeleteAsync(string? name, string? version, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Error.MissingField("key");
        }

        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.ModelVersionTags.Where(t => t.RegisteredModelId == id && t.Version == number && t.Key == key).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Error.NotFound($"No tag with key '{key}' on model version (name={name}, version={version}).");
        }

        await events.RecordAsync(new RegistryChange(loader.WorkspaceId, id, found.Value.Name, number, RegistryEntities.ModelVersionTag, RegistryActions.Deleted,
            RegistryEventData.VersionTagDeleted(found.Value.Name, number, key)), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }
}
