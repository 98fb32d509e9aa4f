using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>
/// Fans a recorded event out to the webhooks subscribed to it: one PENDING <see cref="WebhookDelivery"/> per active
/// webhook, in the transaction of the change, so a delivery exists exactly when its change committed.
/// </summary>
public sealed class WebhookOutbox(SlipwayDbContext db)
{
    /// <summary>Whether this scope queued deliveries that the worker should be woken for after the commit.</summary>
    public bool HasQueued { get; set; }

    public async Task EnqueueAsync(RegistryEvent change, CancellationToken cancellationToken)
    {
        var pattern = WebhookEventTypes.Pattern(new WebhookEventType(change.Entity, change.Action));
        var webhooks = await db.Webhooks
            .Where(w => w.WorkspaceId == change.WorkspaceId && w.Status == WebhookStatus.Active && w.Events.Contains(pattern))
            .Select(w => w.Id)
            .ToListAsync(cancellationToken);
        if (webhooks.Count == 0 || await IsPromptEventAsync(change, cancellationToken))
        {
            return;
        }

        var payload = WebhookPayload.Create(change.Entity, change.Action, change.Timestamp, change.Data);
        foreach (var webhookId in webhooks)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = Guid.NewGuid().ToString(),
                WebhookId = webhookId,
                EventId = change.Id,
                Entity = change.Entity,
                Action = change.Action,
                Payload = payload,
                NextAttemptAt = change.Timestamp,
                CreatedAt = change.Timestamp,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        HasQueued = true;
    }

    /// <summary>
    /// MLflow announces prompt changes as prompt events, not model events; Slipway has no prompt events yet, so a
    /// prompt's version, tag and alias changes are not sent as model events (its creation still is, as in MLflow).
    /// </summary>
    private async Task<bool> IsPromptEventAsync(RegistryEvent change, CancellationToken cancellationToken) =>
        change.Entity != RegistryEntities.RegisteredModel
        && WebhookEventTypes.IsMlflow(new WebhookEventType(change.Entity, change.Action))
        && await db.RegisteredModelTags.AnyAsync(t => t.RegisteredModelId == change.RegisteredModelId && t.Key == Search.PromptExclusion.TagKey && t.Value == "true", cancellationToken);
}
