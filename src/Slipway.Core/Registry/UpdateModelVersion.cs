using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry;

public sealed class UpdateModelVersion(SlipwayDbContext db, RegistryLoader loader, RegistryEventLog events, TimeProvider time)
{
    public async Task<Result<ModelVersionView>> HandleAsync(string? name, string? version, string? description, CancellationToken cancellationToken)
    {
        if (RegistryRules.Description(description) is { } descriptionError)
        {
            return descriptionError;
        }

        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var before = found.Value.Version.Description;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ModelVersions.Where(v => v.RegisteredModelId == id && v.Version == number)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Description, v => description ?? v.Description).SetProperty(v => v.LastUpdatedTimestamp, now), cancellationToken);
        await events.RecordAsync(new RegistryChange(loader.WorkspaceId, id, found.Value.Name, number, RegistryEntities.ModelVersion, RegistryActions.Updated,
            RegistryEventData.Change(found.Value.Name, number, new JsonObject { ["description"] = before }, new JsonObject { ["description"] = description ?? before })), cancellationToken);
        await events.CommitAsync(transaction, cancellationToken);
        return await loader.VersionAsync(name, version, cancellationToken);
    }
}
