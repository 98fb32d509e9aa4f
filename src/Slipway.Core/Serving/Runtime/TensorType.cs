namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// Element types of serving spec §1.5, named as the Open Inference Protocol names them. Each maps to one CLR array
/// type that <see cref="Tensor.Data"/> holds: BOOL <c>bool[]</c>, UINT8…UINT64 <c>byte[]</c>, <c>ushort[]</c>,
/// <c>uint[]</c>, <c>ulong[]</c>, INT8…INT64 <c>sbyte[]</c>, <c>short[]</c>, <c>int[]</c>, <c>long[]</c>, FP16 <c>Half[]</c>,
/// FP32 <c>float[]</c>, FP64 <c>double[]</c>, BYTES <c>string[]</c> (UTF-8 text; MLflow <c>binary</c> columns are base64 text).
/// </summary>
public enum TensorType
{
    Bool,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    Fp16,
    Fp32,
    Fp64,
    Bytes,
}

public static class TensorTypes
{
    /// <summary>The OIP datatype name (<c>FP32</c>, <c>INT64</c>, <c>BYTES</c>, …).</summary>
    public static string OipName(this TensorType type) => type switch
    {
        TensorType.Bool => "BOOL",
        TensorType.UInt8 => "UINT8",
        TensorType.UInt16 => "UINT16",
        TensorType.UInt32 => "UINT32",
        TensorType.UInt64 => "UINT64",
        TensorType.Int8 => "INT8",
        TensorType.Int16 => "INT16",
        TensorType.Int32 => "INT32",
        TensorType.Int64 => "INT64",
        TensorType.Fp16 => "FP16",
        TensorType.Fp32 => "FP32",
        TensorType.Fp64 => "FP64",
        TensorType.Bytes => "BYTES",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static TensorType? FromOipName(string? name) => name switch
    {
        "BOOL" => TensorType.Bool,
        "UINT8" => TensorType.UInt8,
        "UINT16" => TensorType.UInt16,
        "UINT32" => TensorType.UInt32,
        "UINT64" => TensorType.UInt64,
        "INT8" => TensorType.Int8,
        "INT16" => TensorType.Int16,
        "INT32" => TensorType.Int32,
        "INT64" => TensorType.Int64,
        "FP16" => TensorType.Fp16,
        "FP32" => TensorType.Fp32,
        "FP64" => TensorType.Fp64,
        "BYTES" => TensorType.Bytes,
        _ => null,
    };

    /// <summary>The type for a numpy dtype as MLflow tensor specs write it (<c>float32</c>, <c>int64</c>, <c>object</c>, …).</summary>
    public static TensorType? FromNumpyDtype(string? dtype) => dtype switch
    {
        "bool" => TensorType.Bool,
        "uint8" => TensorType.UInt8,
        "uint16" => TensorType.UInt16,
        "uint32" => TensorType.UInt32,
        "uint64" => TensorType.UInt64,
        "int8" => TensorType.Int8,
        "int16" => TensorType.Int16,
        "int32" => TensorType.Int32,
        "int64" => TensorType.Int64,
        "float16" => TensorType.Fp16,
        "float32" => TensorType.Fp32,
        "float64" => TensorType.Fp64,
        "object" or "str" or "bytes" => TensorType.Bytes,
        _ => null,
    };

    /// <summary>The type for an MLflow column type (<c>long</c>, <c>double</c>, <c>string</c>, …).</summary>
    public static TensorType? FromMlflowColumnType(string? type) => type switch
    {
        "boolean" => TensorType.Bool,
        "integer" => TensorType.Int32,
        "long" => TensorType.Int64,
        "float" => TensorType.Fp32,
        "double" => TensorType.Fp64,
        "string" or "binary" or "datetime" => TensorType.Bytes,
        _ => null,
    };

    /// <summary>The MLflow column type name used in messages (<c>long</c>, <c>double</c>, …), or the OIP name for types MLflow columns lack.</summary>
    public static string MlflowName(this TensorType type) => type switch
    {
        TensorType.Bool => "boolean",
        TensorType.Int32 => "integer",
        TensorType.Int64 => "long",
        TensorType.Fp32 => "float",
        TensorType.Fp64 => "double",
        TensorType.Bytes => "string",
        _ => type.OipName(),
    };

    /// <summary>A new array of <paramref name="length"/> elements of the CLR type that holds <paramref name="type"/>.</summary>
    public static Array NewArray(this TensorType type, int length) => type switch
    {
        TensorType.Bool => new bool[length],
        TensorType.UInt8 => new byte[length],
        TensorType.UInt16 => new ushort[length],
        TensorType.UInt32 => new uint[length],
        TensorType.UInt64 => new ulong[length],
        TensorType.Int8 => new sbyte[length],
        TensorType.Int16 => new short[length],
        TensorType.Int32 => new int[length],
        TensorType.Int64 => new long[length],
        TensorType.Fp16 => new Half[length],
        TensorType.Fp32 => new float[length],
        TensorType.Fp64 => new double[length],
        TensorType.Bytes => new string[length],
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>True for the floating-point types, the only ones where NaN and infinities exist.</summary>
    public static bool IsFloatingPoint(this TensorType type) => type is TensorType.Fp16 or TensorType.Fp32 or TensorType.Fp64;
}
