using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

/// <summary>Renames a registered model; versions, tags and aliases hang off its id, so they move with it.</summary>
public sealed class RenameRegisteredModel(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time)
{
    public async Task<Result<RegisteredModelView>> HandleAsync(string? name, string? newName, CancellationToken cancellationToken)
    {
        if (RegistryRules.Name(newName, "new_name") is { } nameError)
        {
            return nameError;
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        if (newName != model.Name && await db.RegisteredModels.AnyAsync(m => m.WorkspaceId == model.WorkspaceId && m.Name == newName, cancellationToken))
        {
            return RegistryRules.NameTaken(newName!);
        }

        var oldName = model.Name;
        model.Name = newName!;
        model.LastUpdatedTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return RegistryRules.NameTaken(newName!);
        }

        await events.RecordAsync(new RegistryChange(model.WorkspaceId, model.Id, model.Name, null, RegistryEntities.RegisteredModel, RegistryActions.Renamed,
            RegistryEventData.Change(model.Name, null, oldName, model.Name)), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);

        return await loader.ViewAsync(model, cancellationToken);
    }
}
