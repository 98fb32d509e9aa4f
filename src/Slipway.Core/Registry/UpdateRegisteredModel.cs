using System.Text.Json.Nodes;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

public sealed class UpdateRegisteredModel(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time)
{
    public async Task<Result<RegisteredModelView>> HandleAsync(string? name, string? description, CancellationToken cancellationToken)
    {
        if (RegistryRules.Description(description) is { } descriptionError)
        {
            return descriptionError;
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        var before = model.Description;
        if (description is not null)
        {
            model.Description = description;
        }

        model.LastUpdatedTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await events.RecordAsync(new RegistryChange(model.WorkspaceId, model.Id, model.Name, null, RegistryEntities.RegisteredModel, RegistryActions.Updated,
            RegistryEventData.Change(model.Name, null, new JsonObject { ["description"] = before }, new JsonObject { ["description"] = model.Description })), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return await loader.ViewAsync(model, cancellationToken);
    }
}
