using System.Buffers;
using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>Writes a KServe V1 response, <c>{"predictions": [...]}</c> with one element per row (serving spec §1.3).</summary>
public static class V1ResponseWriter
{
    public static void Write(IBufferWriter<byte> output, IReadOnlyList<Tensor> outputs)
    {
        using var writer = new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        Write(writer, outputs);
    }

    public static void Write(Utf8JsonWriter writer, IReadOnlyList<Tensor> outputs)
    {
        writer.WriteStartObject();
        RowPredictionsWriter.Write(writer, outputs);
        writer.WriteEndObject();
        writer.Flush();
    }
}
