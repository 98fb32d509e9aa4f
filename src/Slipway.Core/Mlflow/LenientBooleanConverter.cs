using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slipway.Core.Mlflow;

/// <summary>Reads <c>true</c>, <c>"true"</c> or <c>1</c> into a boolean, as protobuf JSON parsing does.</summary>
internal sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String when bool.TryParse(reader.GetString(), out var b) => b,
            JsonTokenType.Number when reader.TryGetInt32(out var i) && i is 0 or 1 => i == 1,
            _ => throw new JsonException("Expected a boolean."),
        };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) =>
        writer.WriteBooleanValue(value);
}
