using Slipway.Core.Serving.Runtime;

namespace Slipway.Core.Serving.Protocols;

/// <summary>How messages name fields, types, shapes and lists, so every failure reads the same way.</summary>
internal static class FieldText
{
    public const int MaxListed = 10;

    /// <summary><c>column 'age'</c> for a column of a column signature, <c>input 'x'</c> for a tensor.</summary>
    public static string Label(FieldSpec spec) => spec.IsColumn ? $"column '{spec.Name}'" : $"input '{spec.Name}'";

    /// <summary>MLflow's type name for columns (<c>long</c>), the OIP name for tensors (<c>FP32</c>).</summary>
    public static string TypeName(FieldSpec spec) => spec.IsColumn ? spec.Type.MlflowName() : spec.Type.OipName();

    public static string Shape(IEnumerable<long> shape) => $"[{string.Join(',', shape)}]";

    /// <summary><c>['sex','race']</c>, at most <see cref="MaxListed"/> names then a count of the rest.</summary>
    public static string List(IReadOnlyList<string> names, string separator = ",")
    {
        var shown = string.Join(separator, names.Take(MaxListed).Select(n => $"'{n}'"));
        return names.Count > MaxListed ? $"[{shown}] and {names.Count - MaxListed} more" : $"[{shown}]";
    }

    /// <summary>A value as a message shows it, cut to a readable length.</summary>
    public static string Shown(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");

    /// <summary>The numpy dtype name MLflow tensor specs use.</summary>
    public static string NumpyName(TensorType type) => type switch
    {
        TensorType.Bool => "bool",
        TensorType.UInt8 => "uint8",
        TensorType.UInt16 => "uint16",
        TensorType.UInt32 => "uint32",
        TensorType.UInt64 => "uint64",
        TensorType.Int8 => "int8",
        TensorType.Int16 => "int16",
        TensorType.Int32 => "int32",
        TensorType.Int64 => "int64",
        TensorType.Fp16 => "float16",
        TensorType.Fp32 => "float32",
        TensorType.Fp64 => "float64",
        _ => "object",
    };
}
