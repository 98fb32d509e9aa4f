namespace Slipway.Core.Mlflow.Messages;

/// <summary>MLflow's <c>WebhookEvent</c>: <c>{"entity": "MODEL_VERSION", "action": "CREATED"}</c>.</summary>
public sealed record WebhookEventJson(string? Entity, string? Action);

public sealed record CreateWebhookRequest(string? Name, string? Description, string? Url, List<WebhookEventJson>? Events, string? Secret, string? Status);

public sealed record UpdateWebhookRequest(string? Name, string? Description, string? Url, List<WebhookEventJson>? Events, string? Secret, string? Status);

public sealed record ListWebhooksRequest(int? MaxResults, string? PageToken);

public sealed record TestWebhookRequest(WebhookEventJson? Event);

public sealed record EmptyRequest;

/// <summary>MLflow's <c>Webhook</c> message; the secret is write-only and never part of it.</summary>
public sealed record WebhookJson(
    string WebhookId, string Name, string? Description, string Url, List<WebhookEventJson> Events, string Status, long CreationTimestamp, long LastUpdatedTimestamp);

public sealed record WebhookTestResultJson(bool Success, int? ResponseStatus, string? ErrorMessage);
