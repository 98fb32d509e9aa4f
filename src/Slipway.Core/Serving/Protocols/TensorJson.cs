using System.Text.Json;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>
/// Writes tensor elements as JSON values. FP32 is written as a float (its shortest round-trip text, so 0.1f is
/// <c>0.1</c>, not the widened <c>0.10000000149011612</c>), FP16 likewise, FP64 as a double. JSON has no NaN or
/// infinities: non-finite outputs are written as <c>null</c> in every protocol.
/// </summary>
internal static class TensorJson
{
    public static void WriteElements(Utf8JsonWriter writer, Tensor tensor, int start, int count)
    {
        var end = start + count;

        // Switch on the tensor's type, not its array: the CLR lets a ulong[] pass for a long[] (and uint[] for int[], …).
        switch (tensor.Type)
        {
            case TensorType.Fp32:
                var floats = (float[])tensor.Data;
                for (var i = start; i < end; i++)
                {
                    if (float.IsFinite(floats[i]))
                    {
                        writer.WriteNumberValue(floats[i]);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }

                break;
            case TensorType.Fp64:
                var doubles = (double[])tensor.Data;
                for (var i = start; i < end; i++)
                {
                    if (double.IsFinite(doubles[i]))
                    {
                        writer.WriteNumberValue(doubles[i]);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }

                break;
            case TensorType.Fp16:
                var halves = (Half[])tensor.Data;
                for (var i = start; i < end; i++)
                {
                    if (Half.IsFinite(halves[i]))
                    {
                        writer.WriteNumberValue((float)halves[i]);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }
                }

                break;
            case TensorType.Int64:
                var longs = (long[])tensor.Data;
                for (var i = start; i < end; i++)
                {
                    writer.WriteNumberValue(longs[i]);
                }

                break;
            case TensorType.Int32:
                var ints = (int[])tensor.Data;
                for (var i = start; i < end; i++)
                {
                    writer.WriteNumberValue(ints[i]);
                }

                break;
            case TensorType.UInt64:
                var ulongs = (ulong[])tensor.Data;
                for (var i = start; i < end; i++)
                {
                    writer.WriteNumberValue(ulongs[i]);
                }

                break;
            case TensorType.Bool:
                var booleans = (bool[])tensor.Data;
                for (var i = start; i < end; i++)
                {
                    writer.WriteBooleanValue(booleans[i]);
                }

                break;
            case TensorType.Bytes:
                var strings = (string[])tensor.Data;
                for (var i = start; i < end; i++)
                {
                    if (strings[i] is null)
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        writer.WriteStringValue(strings[i]);
                    }
                }

                break;
            default:
                // INT8, INT16, UINT8, UINT16, UINT32: every value fits a long; GetValue boxes the element as its real type.
                for (var i = start; i < end; i++)
                {
                    writer.WriteNumberValue(Convert.ToInt64(tensor.Data.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
                }

                break;
        }
    }

    /// <summary>Elements <paramref name="start"/>.. nested as <paramref name="dims"/> (flat when <paramref name="dims"/> is empty: one value).</summary>
    public static void WriteNested(Utf8JsonWriter writer, Tensor tensor, ref int start, ReadOnlySpan<long> dims)
    {
        if (dims.Length == 1)
        {
            writer.WriteStartArray();
            WriteElements(writer, tensor, start, (int)dims[0]);
            writer.WriteEndArray();
            start += (int)dims[0];
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < dims[0]; i++)
        {
            WriteNested(writer, tensor, ref start, dims[1..]);
        }

        writer.WriteEndArray();
    }
}
