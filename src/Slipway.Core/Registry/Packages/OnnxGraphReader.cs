using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Packages;

/// <summary>
/// Opens an ONNX graph with ONNX Runtime, which validates it, and reads its inputs and outputs as MLflow tensor specs
/// (numpy dtype names, <c>-1</c> for dynamic dimensions). The session is built without graph optimizations on one
/// thread, since it is only looked at, and disposed at once.
/// </summary>
internal static class OnnxGraphReader
{
    public sealed record Graph(IReadOnlyList<SignatureField> Inputs, IReadOnlyList<SignatureField> Outputs, IReadOnlyList<string> Warnings)
    {
        public string Signature => MlflowSignature.Write(Inputs, Outputs);
    }

    public static Result<Graph> Read(string path, string displayName)
    {
        var size = new FileInfo(path).Length;
        if (size > PackageInspectionLimits.MaxOnnxBytes)
        {
            return Error.Invalid(
                $"'{displayName}' is {size} bytes, over the {PackageInspectionLimits.MaxOnnxBytes}-byte limit for an ONNX file; it was not loaded.", "source");
        }

        // ONNX Runtime has one environment per process; serving's has global thread pools and must come first.
        OnnxEnvironment.EnsureCreated();
        try
        {
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL,
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
            };
            using var session = new InferenceSession(path, options);
            var warnings = new List<string>();
            var inputs = Describe(session.InputNames, session.InputMetadata, "input", displayName, warnings);
            var outputs = Describe(session.OutputNames, session.OutputMetadata, "output", displayName, warnings);
            return new Graph(inputs, outputs, warnings);
        }
        catch (OnnxRuntimeException e)
        {
            return Error.Invalid($"'{displayName}' is not a valid ONNX model: {Reason(e.Message, path, displayName)}", "source");
        }
    }

    private static List<SignatureField> Describe(
        IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata, string role, string displayName, List<string> warnings)
    {
        var fields = new List<SignatureField>(names.Count);
        foreach (var name in names)
        {
            var node = metadata[name];
            if (!node.IsTensor)
            {
                warnings.Add($"The {role} '{name}' of '{displayName}' is a {node.OnnxValueType}, not a tensor; it is left out of the signature.");
                continue;
            }

            if (Dtype(node.ElementDataType) is not { } dtype)
            {
                warnings.Add($"The {role} '{name}' of '{displayName}' has element type {node.ElementDataType}, which has no MLflow dtype; it is left out of the signature.");
                continue;
            }

            fields.Add(SignatureField.Tensor(name, dtype, node.Dimensions.Select(d => d < 0 ? -1L : d).ToArray()));
        }

        return fields;
    }

    /// <summary>The numpy dtype MLflow writes in a tensor spec for an ONNX element type (serving spec §1.5).</summary>
    public static string? Dtype(TensorElementType type) => type switch
    {
        TensorElementType.Bool => "bool",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Int8 => "int8",
        TensorElementType.Int16 => "int16",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int64 => "int64",
        TensorElementType.Float16 => "float16",
        TensorElementType.Float => "float32",
        TensorElementType.Double => "float64",
        TensorElementType.String => "object",
        _ => null,
    };

    /// <summary>ONNX Runtime's reason, on one line and without the server's file-system path.</summary>
    private static string Reason(string message, string path, string displayName)
    {
        var reason = message.Replace(path, displayName, StringComparison.Ordinal)
            .Replace(Path.GetDirectoryName(path) ?? path, "", StringComparison.Ordinal);
        var firstLine = reason.Split('\n', 2)[0].Trim();
        return firstLine.Length > 500 ? firstLine[..500] + "…" : firstLine;
    }
}
