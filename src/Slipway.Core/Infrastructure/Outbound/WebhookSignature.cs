using System.Security.Cryptography;
using System.Text;

namespace Slipway.Core.Infrastructure.Outbound;

/// <summary>
/// The <c>v1,&lt;base64 HMAC-SHA256&gt;</c> signature over <c>"{id}.{timestamp}.{payload}"</c> shared by MLflow webhooks
/// (<c>X-MLflow-Signature</c>) and Standard Webhooks (<c>webhook-signature</c>). They differ only in the key: MLflow
/// uses the secret's UTF-8 bytes; Standard Webhooks secrets written as <c>whsec_&lt;base64&gt;</c> use the decoded
/// bytes. For any other secret both headers carry the same value.
/// </summary>
public static class WebhookSignature
{
    public const string StandardSecretPrefix = "whsec_";

    public static string Sign(ReadOnlySpan<byte> key, string id, string timestamp, string payload) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{payload}")));

    public static byte[] MlflowKey(string secret) => Encoding.UTF8.GetBytes(secret);

    public static byte[] StandardWebhooksKey(string secret)
    {
        if (secret.StartsWith(StandardSecretPrefix, StringComparison.Ordinal))
        {
            var encoded = secret[StandardSecretPrefix.Length..];
            var buffer = new byte[encoded.Length];
            if (Convert.TryFromBase64String(encoded, buffer, out var written))
            {
                return buffer[..written];
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }
}
