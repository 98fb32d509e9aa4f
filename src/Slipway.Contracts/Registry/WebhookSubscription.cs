namespace Slipway.Contracts.Registry;

/// <summary>An event a webhook subscribes to, as MLflow names it: <c>{"entity": "MODEL_VERSION", "action": "CREATED"}</c>.</summary>
public sealed record WebhookSubscription(string Entity, string Action);
