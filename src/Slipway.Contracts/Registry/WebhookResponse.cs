namespace Slipway.Contracts.Registry;

/// <summary>A webhook as shown: never its secret, only whether it has one. Times are epoch milliseconds.</summary>
public sealed record WebhookResponse(
    string Id, string Name, string Description, string Url, IReadOnlyList<WebhookSubscription> Events, string Status, bool HasSecret,
    long CreationTimestamp, long LastUpdatedTimestamp);
