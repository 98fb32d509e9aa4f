using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Slipway.Core.Infrastructure.Outbound;
using Slipway.Core.Registry.Events;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>
/// The result of one attempt: the HTTP status when the receiver answered, otherwise what went wrong. Only a 2xx
/// succeeds; a 3xx is a failure, since redirects are not followed (the target they name was never SSRF-checked).
/// </summary>
public sealed record SendOutcome(int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Posts one payload to a webhook, signed the MLflow way (<c>X-MLflow-Delivery-Id</c>, <c>X-MLflow-Timestamp</c>,
/// <c>X-MLflow-Signature</c>) and the Standard Webhooks way (<c>webhook-id</c>, <c>webhook-timestamp</c>,
/// <c>webhook-signature</c>). The connection goes through <see cref="OutboundHttpHandler"/>: SSRF-checked, no
/// redirects. The response body is never read.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookSecrets secrets, OutboundTargetPolicy policy, TimeProvider time)
{
    public const string ClientName = "Slipway.Webhooks";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<SendOutcome> SendAsync(Webhook webhook, string deliveryId, string payload, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var uri) || !(uri.Scheme == "https" || (uri.Scheme == "http" && policy.AllowHttp)))
        {
            return new SendOutcome(null, "The webhook URL is no longer allowed (https only unless Webhooks:AllowHttp is set).");
        }

        string? secret = null;
        if (webhook.ProtectedSecret is { } protectedSecret)
        {
            try
            {
                secret = secrets.Unprotect(protectedSecret);
            }
            catch (CryptographicException)
            {
                return new SendOutcome(null, "The webhook secret cannot be decrypted: the Data Protection key that encrypted it is missing.");
            }
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload)) { Headers = { ContentType = Json } },
        };
        request.Headers.Add("X-MLflow-Delivery-Id", deliveryId);
        request.Headers.Add("X-MLflow-Timestamp", timestamp);
        request.Headers.Add("webhook-id", deliveryId);
        request.Headers.Add("webhook-timestamp", timestamp);
        if (secret is not null)
        {
            request.Headers.Add("X-MLflow-Signature", WebhookSignature.Sign(WebhookSignature.MlflowKey(secret), deliveryId, timestamp, payload));
            request.Headers.Add("webhook-signature", WebhookSignature.Sign(WebhookSignature.StandardWebhooksKey(secret), deliveryId, timestamp, payload));
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return new SendOutcome(status, status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"The receiver answered HTTP {status}: redirects are not followed.",
                _ => $"The receiver answered HTTP {status}.",
            });
        }
        catch (HttpRequestException e)
        {
            return new SendOutcome(null, e.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SendOutcome(null, "The receiver did not answer within Webhooks:Timeout.");
        }
    }
}
