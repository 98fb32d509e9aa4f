using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry;

public sealed record CreateRegisteredModelCommand(string? Name, string? Description, IReadOnlyList<KeyValue> Tags);

public sealed class CreateRegisteredModel(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time, Governance.Access.CreatorGrants creator)
{
    public async Task<Result<RegisteredModelView>> HandleAsync(CreateRegisteredModelCommand command, CancellationToken cancellationToken)
    {
        if (RegistryRules.Name(command.Name) is { } nameError)
        {
            return nameError;
        }

        if (RegistryRules.Description(command.Description) is { } descriptionError)
        {
            return descriptionError;
        }

        foreach (var tag in command.Tags)
        {
            if (RegistryRules.Tag(tag.Key, tag.Value) is { } tagError)
            {
                return tagError;
            }
        }

        if (await db.RegisteredModels.AnyAsync(m => m.WorkspaceId == loader.WorkspaceId && m.Name == command.Name, cancellationToken))
        {
            return RegistryRules.NameTaken(command.Name!);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var model = new RegisteredModel
        {
            Name = command.Name!,
            WorkspaceId = loader.WorkspaceId,
            Description = command.Description ?? "",
            CreationTimestamp = now,
            LastUpdatedTimestamp = now,
            Tags = command.Tags.DistinctBy(t => t.Key).Select(t => new RegisteredModelTag { Key = t.Key, Value = t.Value }).ToList(),
        };
        db.RegisteredModels.Add(model);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // A concurrent create of the same name won; disposing the transaction rolls it back.
            return RegistryRules.NameTaken(command.Name!);
        }

        if (creator.Add(model.WorkspaceId, Governance.Access.ResourceTypes.RegisteredModel, model.Id))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        await events.RecordAsync(new RegistryChange(model.WorkspaceId, model.Id, model.Name, null, RegistryEntities.RegisteredModel, RegistryActions.Created,
            RegistryEventData.RegisteredModelCreated(model.Name, model.Tags.Select(t => KeyValuePair.Create(t.Key, t.Value)), command.Description ?? "")), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        creator.Committed();

        db.ChangeTracker.Clear();
        return await loader.ViewAsync(model, cancellationToken);
    }
}
