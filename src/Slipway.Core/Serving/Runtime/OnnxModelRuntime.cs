using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// Serves ONNX graphs with ONNX Runtime: a bare <c>*.onnx</c> package or an MLflow directory whose <c>MLmodel</c> has an
/// <c>onnx</c> flavor (<c>flavors.onnx.data</c> names the file). One <see cref="InferenceSession"/> per loaded version,
/// on the process's global thread pools (<see cref="OnnxEnvironment"/>).
/// </summary>
internal sealed class OnnxModelRuntime : IModelRuntime
{
    public const string FlavorName = "onnx";

    public string Flavor => FlavorName;

    public bool CanLoad(ModelPackage package) => ModelFiles.HasFlavor(package, FlavorName);

    public ILoadedModel Load(ModelPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        cancellationToken.ThrowIfCancellationRequested();
        var file = ModelFiles.Locate(package, FlavorName, ".onnx", "model.onnx");
        OnnxEnvironment.EnsureCreated();
        var options = OnnxEnvironment.ServingSessionOptions();
        InferenceSession? session = null;
        try
        {
            try
            {
                session = new InferenceSession(file.Path, options);
            }
            catch (OnnxRuntimeException e)
            {
                throw new ModelLoadException($"'{file.Name}' is not a loadable ONNX model: {ModelFiles.Reason(e.Message, package, file)}", e);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var outputs = Describe(session.OutputNames, session.OutputMetadata, "output", file.Name, skipNonTensors: true);
            var engine = new EngineSchema(Describe(session.InputNames, session.InputMetadata, "input", file.Name, skipNonTensors: false), outputs, outputs);
            var schema = ServingSignature.Build(package.SignatureJson, engine, file.Name);
            return new OnnxLoadedModel(session, options, schema, engine);
        }
        catch
        {
            session?.Dispose();
            options.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The graph's tensors as fields. A non-tensor input cannot be fed from JSON, so the model cannot be served; a
    /// non-tensor output (sklearn's ZipMap) is left out and can only be asked for by name, which fails.
    /// </summary>
    private static List<FieldSpec> Describe(
        IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata, string role, string displayName, bool skipNonTensors)
    {
        var fields = new List<FieldSpec>(names.Count);
        foreach (var name in names)
        {
            var node = metadata[name];
            var type = node.IsTensor ? TensorType(node.ElementDataType) : null;
            if (type is null)
            {
                if (skipNonTensors)
                {
                    continue;
                }

                throw new ModelLoadException(
                    $"The {role} '{name}' of '{displayName}' is {(node.IsTensor ? $"a tensor of {node.ElementDataType}" : $"a {node.OnnxValueType}")}, which Slipway cannot serve.");
            }

            fields.Add(new FieldSpec(name, type.Value, node.Dimensions.Select(d => d < 0 ? -1L : d).ToArray()));
        }

        return fields;
    }

    /// <summary>The serving type of an ONNX element type (serving spec §1.5); null for those Slipway does not serve (BF16, complex, 4-bit).</summary>
    internal static TensorType? TensorType(TensorElementType type) => type switch
    {
        TensorElementType.Bool => Runtime.TensorType.Bool,
        TensorElementType.UInt8 => Runtime.TensorType.UInt8,
        TensorElementType.UInt16 => Runtime.TensorType.UInt16,
        TensorElementType.UInt32 => Runtime.TensorType.UInt32,
        TensorElementType.UInt64 => Runtime.TensorType.UInt64,
        TensorElementType.Int8 => Runtime.TensorType.Int8,
        TensorElementType.Int16 => Runtime.TensorType.Int16,
        TensorElementType.Int32 => Runtime.TensorType.Int32,
        TensorElementType.Int64 => Runtime.TensorType.Int64,
        TensorElementType.Float16 => Runtime.TensorType.Fp16,
        TensorElementType.Float => Runtime.TensorType.Fp32,
        TensorElementType.Double => Runtime.TensorType.Fp64,
        TensorElementType.String => Runtime.TensorType.Bytes,
        _ => null,
    };
}
