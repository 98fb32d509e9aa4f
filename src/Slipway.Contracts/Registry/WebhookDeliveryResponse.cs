namespace Slipway.Contracts.Registry;

/// <summary>
/// One entry of a webhook's delivery log: <c>PENDING</c> (queued or waiting to retry), <c>SUCCEEDED</c> or
/// <c>FAILED</c> (gave up), with the attempts made, the last HTTP status and error, and the exact body sent.
/// Times are epoch milliseconds; <see cref="EventId"/> is null for test deliveries.
/// </summary>
public sealed record WebhookDeliveryResponse(
    string Id, string WebhookId, long? EventId, string Entity, string Action, string Status, int Attempts, int? LastStatusCode, string? LastError,
    long CreatedAt, long NextAttemptAt, long? CompletedAt, string Payload);
