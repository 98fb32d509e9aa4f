using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>
/// The body MLflow 3.3+ posts: <c>{"entity","action","timestamp","data"}</c>, entity and action in lower case
/// (<c>model_version</c>, <c>created</c>) and the time in ISO 8601 with microseconds and a <c>+00:00</c> offset.
/// </summary>
public static class WebhookPayload
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Create(string entity, string action, long timestampMs, string dataJson)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("entity", entity.ToLowerInvariant());
            writer.WriteString("action", action.ToLowerInvariant());
            writer.WriteString("timestamp", DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).UtcDateTime
                .ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            writer.WriteRawValue(dataJson);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
