namespace Slipway.Core.Serving.Runtime;

/// <summary>
/// A version's verified files in a private local directory, and what the registry recorded about them: the package
/// format (<c>mlflow</c>, <c>onnx</c>, <c>mlnet</c>), the flavor to serve, all flavors as JSON, the MLflow-form signature
/// as JSON and the input example's package-relative path.
/// </summary>
public sealed record ModelPackage(
    string Directory, string ModelName, int Version, string? PackageFormat, string? Flavor, string? FlavorsJson, string? SignatureJson, string? InputExamplePath);

/// <summary>
/// One engine that can serve model packages (ONNX Runtime, ML.NET). Routing, batching and admission only ever see
/// <see cref="ILoadedModel"/>, so adding an engine means adding one implementation registered in DI.
/// </summary>
public interface IModelRuntime
{
    /// <summary>The flavor this runtime serves (<c>onnx</c>, <c>mlnet</c>).</summary>
    string Flavor { get; }

    bool CanLoad(ModelPackage package);

    /// <summary>
    /// Loads the package (synchronous CPU work; the caller runs it off the request path). Throws
    /// <see cref="ModelLoadException"/> with a reason fit for users when the files do not load or the signature does
    /// not match the engine's metadata.
    /// </summary>
    ILoadedModel Load(ModelPackage package, CancellationToken cancellationToken);
}

/// <summary>A loaded version. Thread-safe: <see cref="Run"/> may be called concurrently.</summary>
public interface ILoadedModel : IDisposable
{
    /// <summary>Inputs, outputs and params as validation and decoding use them.</summary>
    ModelSchema Schema { get; }

    /// <summary><c>onnxruntime_onnx</c> or <c>mlnet_zip</c> (OIP model metadata <c>platform</c>).</summary>
    string Platform { get; }

    /// <summary>
    /// Runs one batch. Inputs are named as <see cref="ModelSchema.Inputs"/>, typed as declared, all with the same dim 0
    /// (<see cref="InferenceBatch.Rows"/>); outputs are every output of <see cref="ModelSchema.Outputs"/> with dim 0 =
    /// rows. Cancellation stops the engine's run where it can (ONNX Runtime <c>RunOptions.Terminate</c>). Exceptions
    /// are the model's failures; the caller isolates them.
    /// </summary>
    IReadOnlyList<Tensor> Run(InferenceBatch batch, CancellationToken cancellationToken);
}

/// <summary>Validated inputs of one or several requests, merged along dim 0.</summary>
public sealed record InferenceBatch(int Rows, IReadOnlyList<Tensor> Inputs)
{
    public IReadOnlyDictionary<string, object?> Params { get; init; } = new Dictionary<string, object?>();
}

/// <summary>A package that could not be loaded, with a reason shown to users (no server paths).</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
