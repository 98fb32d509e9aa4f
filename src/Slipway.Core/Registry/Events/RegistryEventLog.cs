using System.Text.Json.Nodes;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Events;

/// <summary>What changed, for <see cref="RegistryEventLog.RecordAsync"/>.</summary>
public sealed record RegistryChange(long WorkspaceId, long RegisteredModelId, string ModelName, int? Version, string Entity, string Action, JsonObject Data);

/// <summary>
/// Records registry changes as <see cref="RegistryEvent"/> rows. Call it inside the transaction of the change, so
/// that the history, the event feed and the webhook outbox hold exactly the changes that committed.
/// </summary>
public sealed class RegistryEventLog(SlipwayDbContext db, CurrentActor actor, TimeProvider time)
{
    public async Task<RegistryEvent> RecordAsync(RegistryChange change, CancellationToken cancellationToken)
    {
        var row = new RegistryEvent
        {
            WorkspaceId = change.WorkspaceId,
            RegisteredModelId = change.RegisteredModelId,
            ModelName = change.ModelName,
            Version = change.Version,
            Entity = change.Entity,
            Action = change.Action,
            Actor = actor.Name,
            Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
            Data = change.Data.ToJsonString(),
        };
        db.RegistryEvents.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }
}
