using Microsoft.Extensions.Logging;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>Webhook delivery logs (Registry range, 2500–2599). URLs and secrets are never logged; ids are.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} to webhook {WebhookId} succeeded on attempt {Attempt} with HTTP {StatusCode}")]
    public static partial void DeliverySucceeded(this ILogger logger, string deliveryId, string webhookId, int attempt, int statusCode);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to webhook {WebhookId} failed on attempt {Attempt}, now {Status}: {Error}")]
    public static partial void DeliveryFailed(this ILogger logger, string deliveryId, string webhookId, int attempt, string status, string error);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Error, Message = "A webhook delivery pass failed; the worker retries at the next poll")]
    public static partial void DeliveryPassFailed(this ILogger logger, Exception exception);
}
