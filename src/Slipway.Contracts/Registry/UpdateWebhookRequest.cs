namespace Slipway.Contracts.Registry;

/// <summary>Changes a webhook; null fields stay as they are. <see cref="Events"/> replaces the whole subscription list.</summary>
public sealed record UpdateWebhookRequest(
    string? Name = null, string? Url = null, IReadOnlyList<WebhookSubscription>? Events = null, string? Description = null, string? Secret = null, string? Status = null);
