using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Outbound;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>What to change; null (and, as in MLflow, empty) fields stay as they are.</summary>
public sealed record UpdateWebhookCommand(
    string? Id, string? Name, string? Description, string? Url, IReadOnlyList<(string? Entity, string? Action)>? Events, string? Secret, string? Status,
    bool MlflowEventsOnly);

/// <summary>
/// Changes a webhook. A new URL is checked as on creation. Through the MLflow API, a new event list replaces the
/// MLflow pairs and keeps any of Slipway's own pairs set through the native API.
/// </summary>
public sealed class UpdateWebhook(SlipwayDbContext db, OutboundTargetPolicy policy, WebhookSecrets secrets, TimeProvider time, CurrentActor actor)
{
    public async Task<Result<Webhook>> HandleAsync(UpdateWebhookCommand command, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.FirstOrDefaultAsync(w => w.Id == command.Id && w.WorkspaceId == actor.WorkspaceId, cancellationToken);
        if (webhook is null)
        {
            return WebhookRules.NotFound(command.Id);
        }

        if (!string.IsNullOrEmpty(command.Name))
        {
            if (WebhookRules.Name(command.Name) is { } nameError)
            {
                return nameError;
            }

            webhook.Name = command.Name;
        }

        if ((WebhookRules.Text(command.Description, "description", 5000) ?? WebhookRules.Text(command.Secret, "secret", 1000)) is { } textError)
        {
            return textError;
        }

        if (!string.IsNullOrEmpty(command.Description))
        {
            webhook.Description = command.Description;
        }

        if (!string.IsNullOrEmpty(command.Url))
        {
            if ((WebhookRules.Text(command.Url, "url", RegistryLimits.SourceLength) ?? await policy.CheckUrlAsync(command.Url, cancellationToken)) is { } urlError)
            {
                return urlError;
            }

            webhook.Url = command.Url;
        }

        if (command.Events is { Count: > 0 })
        {
            var events = WebhookEventTypes.Parse(command.Events, command.MlflowEventsOnly);
            if (!events.IsSuccess)
            {
                return events.Error;
            }

            var kept = command.MlflowEventsOnly
                ? WebhookEventTypes.Deserialize(webhook.Events).Where(e => !WebhookEventTypes.IsMlflow(e))
                : [];
            webhook.Events = WebhookEventTypes.Serialize(events.Value.Concat(kept).Distinct());
        }

        if (!string.IsNullOrEmpty(command.Status))
        {
            if (WebhookStatus.Canonical(command.Status) is not { } status)
            {
                return Error.Invalid($"Invalid webhook status '{command.Status}'. Valid values are: [ACTIVE, DISABLED].", "status");
            }

            webhook.Status = status;
        }

        if (!string.IsNullOrEmpty(command.Secret))
        {
            webhook.ProtectedSecret = secrets.Protect(command.Secret);
        }

        webhook.LastUpdatedTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken);
        return webhook;
    }
}
