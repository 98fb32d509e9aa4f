using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

/// <summary>Deletes a registered model with its versions, tags and aliases (cascading foreign keys).</summary>
public sealed class DeleteRegisteredModel(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events)
{
    public async Task<Result<Unit>> HandleAsync(string? name, CancellationToken cancellationToken)
    {
        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RegisteredModels.Where(m => m.Id == model.Id).ExecuteDeleteAsync(cancellationToken);
        await events.RecordAsync(new RegistryChange(model.WorkspaceId, model.Id, model.Name, null, RegistryEntities.RegisteredModel, RegistryActions.Deleted,
            RegistryEventData.Change(model.Name, null, null, null)), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }
}
