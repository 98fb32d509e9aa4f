using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// The <c>predictions</c> list of KServe V1 and MLflow responses: one element per row. A model with a single output of
/// one element per row gives a list of scalars; otherwise each row is an object keyed by output name (pandas
/// <c>records</c> orient), a multi-element row written as a list nested as the output's row shape.
/// </summary>
internal static class RowPredictionsWriter
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<Tensor> outputs)
    {
        writer.WriteStartArray("predictions"u8);
        if (outputs.Count == 1 && outputs[0].ElementsPerRow == 1)
        {
            TensorJson.WriteElements(writer, outputs[0], 0, outputs[0].Data.Length);
        }
        else if (outputs.Count > 0)
        {
            var rows = outputs[0].Rows;
            for (var row = 0; row < rows; row++)
            {
                writer.WriteStartObject();
                foreach (var tensor in outputs)
                {
                    writer.WritePropertyName(tensor.Name);
                    var perRow = tensor.ElementsPerRow;
                    var start = row * perRow;
                    if (perRow == 1 && tensor.Shape.Length <= 2)
                    {
                        TensorJson.WriteElements(writer, tensor, start, 1);
                    }
                    else
                    {
                        TensorJson.WriteNested(writer, tensor, ref start, tensor.Shape.AsSpan(1));
                    }
                }

                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }
}
