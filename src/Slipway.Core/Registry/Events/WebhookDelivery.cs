namespace Slipway.Core.Registry.Events;

/// <summary>
/// One event for one webhook: the outbox row written with the change, then the delivery log. A background worker
/// claims due rows (row locks on PostgreSQL, so each is sent by one replica), sends them and retries with backoff.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The delivery id, sent as <c>X-MLflow-Delivery-Id</c> and <c>webhook-id</c>.</summary>
    public required string Id { get; set; }

    public required string WebhookId { get; set; }

    /// <summary>The registry event delivered; null for a test delivery.</summary>
    public long? EventId { get; set; }

    public required string Entity { get; set; }

    public required string Action { get; set; }

    /// <summary>The exact JSON body sent (<c>{"entity","action","timestamp","data"}</c>).</summary>
    public required string Payload { get; set; }

    /// <summary><c>PENDING</c>, <c>SUCCEEDED</c> or <c>FAILED</c> (gave up after the last attempt).</summary>
    public string Status { get; set; } = "PENDING";

    public int Attempts { get; set; }

    /// <summary>When the next attempt is due (Unix ms).</summary>
    public long NextAttemptAt { get; set; }

    /// <summary>A claim by one replica lasts until this time (Unix ms); another replica may take it after that.</summary>
    public long? ClaimedUntil { get; set; }

    public string? ClaimedBy { get; set; }

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public long CreatedAt { get; set; }

    public long? CompletedAt { get; set; }
}
