using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

public sealed class DeleteAlias(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events)
{
    public async Task<Result<Unit>> HandleAsync(string? name, string? alias, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(alias))
        {
            return Error.MissingField("alias");
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pointedAt = await db.RegisteredModelAliases.Where(a => a.RegisteredModelId == model.Id && a.Alias == alias).Select(a => (int?)a.Version).FirstOrDefaultAsync(cancellationToken);
        if (pointedAt is null)
        {
            // Nothing changed, so nothing is recorded (MLflow answers success here too).
            return Unit.Value;
        }

        await db.RegisteredModelAliases.Where(a => a.RegisteredModelId == model.Id && a.Alias == alias).ExecuteDeleteAsync(cancellationToken);
        await events.RecordAsync(new RegistryChange(model.WorkspaceId, model.Id, model.Name, pointedAt, RegistryEntities.ModelVersionAlias, RegistryActions.Deleted,
            RegistryEventData.AliasDeleted(model.Name, alias)), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return Unit.Value;
    }
}
