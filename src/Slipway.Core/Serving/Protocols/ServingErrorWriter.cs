using System.Buffers;
using System.Text.Json;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Writes a <see cref="ServingError"/> in each protocol's error body (serving spec §1.6): OIP and V1
/// <c>{"error","code","request_id"}</c>, MLflow <c>{"error_code","message","slipway_code","request_id"}</c>. Only the
/// error's message is written, never an exception or stack trace. The status is the error's own
/// (<see cref="ServingError.Status"/>); headers (<c>X-Request-Id</c>, <c>Retry-After</c>) are the caller's.
/// </summary>
public static class ServingErrorWriter
{
    public static void WriteOip(IBufferWriter<byte> output, ServingError error, string requestId)
    {
        using var writer = new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        WriteOip(writer, error, requestId);
    }

    public static void WriteOip(Utf8JsonWriter writer, ServingError error, string requestId)
    {
        writer.WriteStartObject();
        writer.WriteString("error"u8, error.Message);
        writer.WriteString("code"u8, error.Code);
        writer.WriteString("request_id"u8, requestId);
        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>KServe V1 errors have the same body as OIP's.</summary>
    public static void WriteV1(IBufferWriter<byte> output, ServingError error, string requestId) => WriteOip(output, error, requestId);

    public static void WriteV1(Utf8JsonWriter writer, ServingError error, string requestId) => WriteOip(writer, error, requestId);

    public static void WriteMlflow(IBufferWriter<byte> output, ServingError error, string requestId)
    {
        using var writer = new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        WriteMlflow(writer, error, requestId);
    }

    public static void WriteMlflow(Utf8JsonWriter writer, ServingError error, string requestId)
    {
        writer.WriteStartObject();
        writer.WriteString("error_code"u8, error.MlflowCode);
        writer.WriteString("message"u8, error.Message);
        writer.WriteString("slipway_code"u8, error.Code);
        writer.WriteString("request_id"u8, requestId);
        writer.WriteEndObject();
        writer.Flush();
    }
}
