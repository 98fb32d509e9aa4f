using System.Buffers;
using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Writes an MLflow scoring response, <c>{"predictions": …}</c>: a list of scalars for a single one-per-row output,
/// else row objects (pandas <c>records</c> orient). Metadata goes in headers only, so bodies stay as MLflow's (§1.4).
/// </summary>
public static class MlflowResponseWriter
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
