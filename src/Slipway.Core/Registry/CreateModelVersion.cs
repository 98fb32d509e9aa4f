using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry;

public sealed record CreateModelVersionCommand(
    string? Name, string? Source, string? RunId, string? RunLink, string? Description, string? ModelId, IReadOnlyList<KeyValue> Tags);

/// <summary>
/// Registers a new version, READY at once, in stage None. Its number comes from the model's counter, bumped in the
/// same transaction, so concurrent creates get distinct numbers and a deleted number is never handed out again.
/// </summary>
public sealed class CreateModelVersion(
    SlipwayDbContext db, RegistryLoader loader, VersionSource sources, LoggedModelRegistrations registrations, Catalog.ModelCardAutoFill cards, TimeProvider time)
{
    public async Task<Result<ModelVersionView>> HandleAsync(CreateModelVersionCommand command, CancellationToken cancellationToken)
    {
        foreach (var tag in command.Tags)
        {
            if (RegistryRules.Tag(tag.Key, tag.Value) is { } tagError)
            {
                return tagError;
            }
        }

        if (!string.IsNullOrEmpty(command.RunId) && TrackingValidation.RunId(command.RunId) is { } runError)
        {
            return runError;
        }

        var found = await loader.FindAsync(command.Name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var resolved = await sources.ResolveAsync(command.Source, command.ModelId, cancellationToken);
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var model = found.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The update takes the row lock first, so two creates cannot read the same counter value.
        await db.RegisteredModels.Where(m => m.Id == model.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextVersion, m => m.NextVersion + 1).SetProperty(m => m.LastUpdatedTimestamp, now), cancellationToken);
        var number = await db.RegisteredModels.Where(m => m.Id == model.Id).Select(m => m.NextVersion - 1).FirstAsync(cancellationToken);
        db.ModelVersions.Add(new ModelVersion
        {
            RegisteredModelId = model.Id,
            Version = number,
            Source = command.Source!,
            StorageLocation = resolved.Value.StorageLocation,
            RunId = string.IsNullOrEmpty(command.RunId) ? resolved.Value.SourceRunId : command.RunId,
            RunLink = command.RunLink ?? "",
            Description = command.Description ?? "",
            CreationTimestamp = now,
            LastUpdatedTimestamp = now,
            Tags = command.Tags.DistinctBy(t => t.Key).Select(t => new ModelVersionTag { Key = t.Key, Value = t.Value }).ToList(),
        });
        await db.SaveChangesAsync(cancellationToken);
        if (resolved.Value.LoggedModelId is { } loggedModelId)
        {
            await registrations.AddAsync(loggedModelId, model.Name, number, cancellationToken);
        }

        await cards.FillAsync(model.Id, number, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await loader.VersionAsync(model, number, cancellationToken);
    }
}
