using Microsoft.ML;
using Microsoft.ML.Data;

namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// Serves ML.NET models: a bare <c>.zip</c> as <c>MLContext.Model.Save</c> writes it, or an MLflow directory with an
/// <c>mlnet</c> flavor. The loaded <see cref="ITransformer"/> is thread-safe and shared; each run scores a columnar
/// <see cref="IDataView"/> over the batch (registry models have no compile-time row types, so no PredictionEngine).
/// </summary>
internal sealed class MlnetModelRuntime : IModelRuntime
{
    public const string FlavorName = "mlnet";

    /// <summary>Annotation ML.NET trainers put on the columns they score (PredictedLabel, Score, Probability).</summary>
    private const string ScoreColumnSetId = "ScoreColumnSetId";

    public string Flavor => FlavorName;

    public bool CanLoad(ModelPackage package) => ModelFiles.HasFlavor(package, FlavorName);

    public ILoadedModel Load(ModelPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        cancellationToken.ThrowIfCancellationRequested();
        var file = ModelFiles.Locate(package, FlavorName, ".zip", "model.zip");
        ITransformer transformer;
        DataViewSchema inputSchema;
        DataViewSchema outputSchema;
        try
        {
            var context = new MLContext(seed: 0);
            using var stream = File.OpenRead(file.Path);
            transformer = context.Model.Load(stream, out inputSchema);
            outputSchema = transformer.GetOutputSchema(inputSchema);
        }
        // Loading bytes can fail with any exception type ML.NET's loaders throw; each means the model does not load.
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            throw new ModelLoadException($"'{file.Name}' is not a loadable ML.NET model: {ModelFiles.Reason(e.Message, package, file)}", e);
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var columns = new FieldSpec[inputSchema.Count];
            foreach (var column in inputSchema)
            {
                columns[column.Index] = Field(column)
                    ?? throw new ModelLoadException($"The input column '{column.Name}' of '{file.Name}' has type {column.Type}, which Slipway cannot serve.");
            }

            var inputNames = inputSchema.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var added = outputSchema.Where(c => !c.IsHidden && !inputNames.Contains(c.Name)).ToList();
            var outputs = added.Select(Field).OfType<FieldSpec>().ToList();
            var scored = added.Where(c => c.Annotations.Schema.GetColumnOrNull(ScoreColumnSetId) is not null).Select(Field).OfType<FieldSpec>().ToList();
            var engine = new EngineSchema(
                inputSchema.Where(c => !c.IsHidden).Select(c => columns[c.Index]).ToList(),
                outputs,
                scored.Count > 0 ? scored : outputs);
            var schema = ServingSignature.Build(package.SignatureJson, engine, file.Name);
            return new MlnetLoadedModel(transformer, inputSchema, columns, schema);
        }
        catch
        {
            (transformer as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>An ML.NET column as a field (serving spec §1.5): a scalar is a <c>[-1]</c> column, a vector a <c>[-1, n]</c> tensor.</summary>
    internal static FieldSpec? Field(DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType vector)
        {
            var size = vector.IsKnownSize ? vector.Size : -1L;
            return TensorType(vector.ItemType) is { } itemType ? new FieldSpec(column.Name, itemType, [-1, size]) : null;
        }

        return TensorType(column.Type) is { } type ? new FieldSpec(column.Name, type, [-1], IsColumn: true) : null;
    }

    /// <summary>The serving type of an ML.NET scalar type; keys are served as their raw unsigned integers.</summary>
    internal static TensorType? TensorType(DataViewType type) => type switch
    {
        BooleanDataViewType => Runtime.TensorType.Bool,
        TextDataViewType => Runtime.TensorType.Bytes,
        KeyDataViewType or NumberDataViewType => type.RawType switch
        {
            var t when t == typeof(float) => Runtime.TensorType.Fp32,
            var t when t == typeof(double) => Runtime.TensorType.Fp64,
            var t when t == typeof(sbyte) => Runtime.TensorType.Int8,
            var t when t == typeof(short) => Runtime.TensorType.Int16,
            var t when t == typeof(int) => Runtime.TensorType.Int32,
            var t when t == typeof(long) => Runtime.TensorType.Int64,
            var t when t == typeof(byte) => Runtime.TensorType.UInt8,
            var t when t == typeof(ushort) => Runtime.TensorType.UInt16,
            var t when t == typeof(uint) => Runtime.TensorType.UInt32,
            var t when t == typeof(ulong) => Runtime.TensorType.UInt64,
            _ => null,
        },
        _ => null,
    };
}
