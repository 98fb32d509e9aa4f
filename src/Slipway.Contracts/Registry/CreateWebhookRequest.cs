namespace Slipway.Contracts.Registry;

/// <summary>
/// Creates a webhook. <see cref="Secret"/> is write-only (never returned); <see cref="Status"/> is <c>ACTIVE</c>
/// (default) or <c>DISABLED</c>. Events may be MLflow's pairs or Slipway's own (e.g. MODEL_VERSION.STAGE_CHANGED).
/// </summary>
public sealed record CreateWebhookRequest(
    string Name, string Url, IReadOnlyList<WebhookSubscription> Events, string? Description = null, string? Secret = null, string? Status = null);
