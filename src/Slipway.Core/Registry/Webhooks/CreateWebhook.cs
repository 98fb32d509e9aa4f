using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Outbound;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

public sealed record CreateWebhookCommand(
    string? Name, string? Description, string? Url, IReadOnlyList<(string? Entity, string? Action)>? Events, string? Secret, string? Status, bool MlflowEventsOnly);

/// <summary>Creates a webhook after checking its URL against SSRF and its events against the allowed pairs.</summary>
public sealed class CreateWebhook(SlipwayDbContext db, OutboundTargetPolicy policy, WebhookSecrets secrets, TimeProvider time, CurrentActor actor)
{
    public async Task<Result<Webhook>> HandleAsync(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        if (WebhookRules.Name(command.Name) is { } nameError)
        {
            return nameError;
        }

        if ((WebhookRules.Text(command.Description, "description", 5000) ?? WebhookRules.Text(command.Secret, "secret", 1000)) is { } textError)
        {
            return textError;
        }

        var events = WebhookEventTypes.Parse(command.Events, command.MlflowEventsOnly);
        if (!events.IsSuccess)
        {
            return events.Error;
        }

        var status = string.IsNullOrEmpty(command.Status) ? WebhookStatus.Active : WebhookStatus.Canonical(command.Status);
        if (status is null)
        {
            return Error.Invalid($"Invalid webhook status '{command.Status}'. Valid values are: [ACTIVE, DISABLED].", "status");
        }

        if ((WebhookRules.Text(command.Url, "url", RegistryLimits.SourceLength) ?? await policy.CheckUrlAsync(command.Url, cancellationToken)) is { } urlError)
        {
            return urlError;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var webhook = new Webhook
        {
            Id = Guid.NewGuid().ToString("N"),
            WorkspaceId = actor.WorkspaceId,
            Name = command.Name!,
            Description = command.Description ?? "",
            Url = command.Url!,
            Events = WebhookEventTypes.Serialize(events.Value),
            ProtectedSecret = string.IsNullOrEmpty(command.Secret) ? null : secrets.Protect(command.Secret),
            Status = status,
            CreationTimestamp = now,
            LastUpdatedTimestamp = now,
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        return webhook;
    }
}
