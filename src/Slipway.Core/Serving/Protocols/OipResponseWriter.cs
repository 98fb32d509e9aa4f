using System.Buffers;
using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Writes an OIP v2 inference response (serving spec §1.2, §7.1): <c>model_name</c> (the deployment called),
/// <c>model_version</c>, <c>id</c>, <c>parameters.slipway_prediction_id</c> and <c>slipway_route</c>, and the outputs
/// (the requested ones in request order, else all) with flat <c>data</c>.
/// </summary>
public static class OipResponseWriter
{
    public static void Write(IBufferWriter<byte> output, ResponseInfo info, IReadOnlyList<Tensor> outputs, IReadOnlyList<string>? requested)
    {
        using var writer = new Utf8JsonWriter(output, ProtocolJson.WriterOptions);
        Write(writer, info, outputs, requested);
    }

    public static void Write(Utf8JsonWriter writer, ResponseInfo info, IReadOnlyList<Tensor> outputs, IReadOnlyList<string>? requested)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name"u8, info.ModelName);
        writer.WriteString("model_version"u8, info.ModelVersion);
        writer.WriteString("id"u8, info.Id);
        writer.WriteStartObject("parameters"u8);
        writer.WriteString("slipway_prediction_id"u8, info.PredictionId);
        writer.WriteString("slipway_route"u8, info.Route);
        writer.WriteEndObject();
        writer.WriteStartArray("outputs"u8);
        if (requested is null)
        {
            foreach (var tensor in outputs)
            {
                WriteTensor(writer, tensor);
            }
        }
        else
        {
            foreach (var name in requested)
            {
                foreach (var tensor in outputs)
                {
                    if (string.Equals(tensor.Name, name, StringComparison.Ordinal))
                    {
                        WriteTensor(writer, tensor);
                        break;
                    }
                }
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }

    private static void WriteTensor(Utf8JsonWriter writer, Tensor tensor)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, tensor.Name);
        writer.WriteStartArray("shape"u8);
        foreach (var dimension in tensor.Shape)
        {
            writer.WriteNumberValue(dimension);
        }

        writer.WriteEndArray();
        writer.WriteString("datatype"u8, tensor.Type.OipName());
        writer.WriteStartArray("data"u8);
        TensorJson.WriteElements(writer, tensor, 0, tensor.Data.Length);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
