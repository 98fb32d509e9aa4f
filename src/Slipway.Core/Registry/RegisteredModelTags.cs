using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

/// <summary>Sets (upserts) and deletes registered model tags.</summary>
public sealed class RegisteredModelTags(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events)
{
    public async Task<Result<Unit>> SetAsync(string? name, string? key, string? value, CancellationToken cancellationToken)
    {
        if (RegistryRules.Tag(key, value) is { } error)
        {
            return error;
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        var id = model.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tag = await db.RegisteredModelTags.FirstOrDefaultAsync(t => t.RegisteredModelId == id && t.Key == key, cancellationToken);
        if (tag is null)
        {
            db.RegisteredModelTags.Add(new RegisteredModelTag { RegisteredModelId = id, Key = key!, Value = value ?? "" });
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
            await db.RegisteredModelTags.Where(t => t.RegisteredModelId == id && t.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value ?? ""), cancellationToken);
        }

        await events.RecordAsync(new RegistryChange(model.WorkspaceId, id, model.Name, null, RegistryEntities.RegisteredModelTag, RegistryActions.Set,
            RegistryEventData.Change(model.Name, null, null, null, ("key", key), ("value", value ?? ""))), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }

    public async Task<Result<Unit>> DeleteAsync(string? name, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Error.MissingField("key");
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.RegisteredModelTags.Where(t => t.RegisteredModelId == model.Id && t.Key == key).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Error.NotFound($"No tag with key '{key}' on registered model '{name}'.");
        }

        await events.RecordAsync(new RegistryChange(model.WorkspaceId, model.Id, model.Name, null, RegistryEntities.RegisteredModelTag, RegistryActions.Deleted,
            RegistryEventData.Change(model.Name, null, null, null, ("key", key))), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }
}
