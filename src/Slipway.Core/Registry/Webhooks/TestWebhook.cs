using System.Text.Json.Nodes;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>The outcome of a test delivery (MLflow's <c>WebhookTestResult</c>, without the receiver's body).</summary>
public sealed record WebhookTestResult(bool Success, int? ResponseStatus, string? ErrorMessage);

/// <summary>
/// Sends MLflow's example payload for one event (by default the webhook's first) right away and waits for the
/// answer, as MLflow's test RPC does. The attempt is kept in the delivery log. Success is a 2xx, as for the delivery
/// worker: unlike MLflow, a 3xx is a failure, since redirects are not followed. The receiver's body is not relayed to the caller (governance.md §6.4).
/// </summary>
public sealed class TestWebhook(SlipwayDbContext db, GetWebhooks webhooks, WebhookSender sender, TimeProvider time)
{
    public async Task<Result<WebhookTestResult>> HandleAsync(string? id, (string? Entity, string? Action)? requested, CancellationToken cancellationToken)
    {
        var found = await webhooks.GetAsync(id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var webhook = found.Value;
        WebhookEventType type;
        if (requested is { } pair)
        {
            var parsed = WebhookEventTypes.Parse([pair], mlflowOnly: false);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            type = parsed.Value[0];
        }
        else
        {
            type = WebhookEventTypes.Deserialize(webhook.Events)[0];
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var delivery = new WebhookDelivery
        {
            Id = Guid.NewGuid().ToString(),
            WebhookId = webhook.Id,
            Entity = type.Entity,
            Action = type.Action,
            Payload = WebhookPayload.Create(type.Entity, type.Action, now, Example(type).ToJsonString()),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        var outcome = await sender.SendAsync(webhook, delivery.Id, delivery.Payload, cancellationToken);
        var success = outcome.Succeeded;
        delivery.Attempts = 1;
        delivery.Status = success ? DeliveryStatus.Succeeded : DeliveryStatus.Failed;
        delivery.LastStatusCode = outcome.StatusCode;
        delivery.LastError = outcome.Error is { Length: > 1000 } e ? e[..1000] : outcome.Error;
        delivery.CompletedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookTestResult(success, outcome.StatusCode, success ? null : $"Failed to test webhook: {outcome.Error}");
    }

    /// <summary>MLflow's example data for each of its events; Slipway's own events get a before/after example.</summary>
    private static JsonObject Example(WebhookEventType type) => (type.Entity, type.Action) switch
    {
        (RegistryEntities.RegisteredModel, RegistryActions.Created) =>
            RegistryEventData.RegisteredModelCreated("example_model", [KeyValuePair.Create("example_key", "example_value")], "An example registered model"),
        (RegistryEntities.ModelVersion, RegistryActions.Created) => RegistryEventData.ModelVersionCreated(
            "example_model", 1, "runs:/abcd1234abcd5678/model", "abcd1234abcd5678", [KeyValuePair.Create("example_key", "example_value")], "An example model version"),
        (RegistryEntities.ModelVersionTag, RegistryActions.Set) => RegistryEventData.VersionTagSet("example_model", 1, "example_key", "example_value"),
        (RegistryEntities.ModelVersionTag, RegistryActions.Deleted) => RegistryEventData.VersionTagDeleted("example_model", 1, "example_key"),
        (RegistryEntities.ModelVersionAlias, RegistryActions.Created) => RegistryEventData.AliasCreated("example_model", "example_alias", 1),
        (RegistryEntities.ModelVersionAlias, RegistryActions.Deleted) => RegistryEventData.AliasDeleted("example_model", "example_alias"),
        (RegistryEntities.ModelVersion, RegistryActions.StageChanged) => RegistryEventData.Change("example_model", 1, Stages.None, Stages.Staging),
        _ => RegistryEventData.Change("example_model", 1, null, null),
    };
}
