using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Slipway.Core.Serving.Runtime;

/// <summary>Conversions between serving tensors and ONNX Runtime values (serving spec §1.5).</summary>
internal static class OrtValues
{
    // Switch on the declared type: the CLR lets int[] pass as uint[] (and so on), so array patterns would pick the wrong one.
    public static OrtValue From(Tensor tensor, long[] shape) => tensor.Type switch
    {
        TensorType.Bool => OrtValue.CreateTensorValueFromMemory((bool[])tensor.Data, shape),
        TensorType.UInt8 => OrtValue.CreateTensorValueFromMemory((byte[])tensor.Data, shape),
        TensorType.UInt16 => OrtValue.CreateTensorValueFromMemory((ushort[])tensor.Data, shape),
        TensorType.UInt32 => OrtValue.CreateTensorValueFromMemory((uint[])tensor.Data, shape),
        TensorType.UInt64 => OrtValue.CreateTensorValueFromMemory((ulong[])tensor.Data, shape),
        TensorType.Int8 => OrtValue.CreateTensorValueFromMemory((sbyte[])tensor.Data, shape),
        TensorType.Int16 => OrtValue.CreateTensorValueFromMemory((short[])tensor.Data, shape),
        TensorType.Int32 => OrtValue.CreateTensorValueFromMemory((int[])tensor.Data, shape),
        TensorType.Int64 => OrtValue.CreateTensorValueFromMemory((long[])tensor.Data, shape),
        TensorType.Fp32 => OrtValue.CreateTensorValueFromMemory((float[])tensor.Data, shape),
        TensorType.Fp64 => OrtValue.CreateTensorValueFromMemory((double[])tensor.Data, shape),
        TensorType.Fp16 => OrtValue.CreateTensorValueFromMemory(ToFloat16((Half[])tensor.Data), shape),
        TensorType.Bytes => Strings((string[])tensor.Data, shape),
        _ => throw new ArgumentException($"Tensor '{tensor.Name}' has type {tensor.Type}, which is no serving tensor type.", nameof(tensor)),
    };

    public static Tensor ToTensor(string name, OrtValue value)
    {
        if (!value.IsTensor)
        {
            throw new InvalidOperationException($"The model's output '{name}' is a {value.OnnxType}, not a tensor.");
        }

        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape;
        var type = OnnxModelRuntime.TensorType(info.ElementDataType)
            ?? throw new InvalidOperationException($"The model's output '{name}' has element type {info.ElementDataType}, which Slipway cannot serve.");
        Array data = type switch
        {
            TensorType.Bool => value.GetTensorDataAsSpan<bool>().ToArray(),
            TensorType.UInt8 => value.GetTensorDataAsSpan<byte>().ToArray(),
            TensorType.UInt16 => value.GetTensorDataAsSpan<ushort>().ToArray(),
            TensorType.UInt32 => value.GetTensorDataAsSpan<uint>().ToArray(),
            TensorType.UInt64 => value.GetTensorDataAsSpan<ulong>().ToArray(),
            TensorType.Int8 => value.GetTensorDataAsSpan<sbyte>().ToArray(),
            TensorType.Int16 => value.GetTensorDataAsSpan<short>().ToArray(),
            TensorType.Int32 => value.GetTensorDataAsSpan<int>().ToArray(),
            TensorType.Int64 => value.GetTensorDataAsSpan<long>().ToArray(),
            TensorType.Fp16 => ToHalf(value.GetTensorDataAsSpan<Float16>()),
            TensorType.Fp32 => value.GetTensorDataAsSpan<float>().ToArray(),
            TensorType.Fp64 => value.GetTensorDataAsSpan<double>().ToArray(),
            TensorType.Bytes => value.GetStringTensorAsArray(),
            _ => throw new InvalidOperationException($"The model's output '{name}' has type {type}."),
        };
        return new Tensor(name, type, shape, data);
    }

    private static OrtValue Strings(string[] data, long[] shape)
    {
        var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        try
        {
            for (var i = 0; i < data.Length; i++)
            {
                value.StringTensorSetElementAt((data[i] ?? "").AsSpan(), i);
            }

            return value;
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }

    private static Float16[] ToFloat16(Half[] data)
    {
        var converted = new Float16[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            converted[i] = new Float16(BitConverter.HalfToUInt16Bits(data[i]));
        }

        return converted;
    }

    private static Half[] ToHalf(ReadOnlySpan<Float16> data)
    {
        var converted = new Half[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            converted[i] = BitConverter.UInt16BitsToHalf(data[i].value);
        }

        return converted;
    }
}
