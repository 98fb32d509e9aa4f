using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Packages;

/// <summary>
/// What a model package is, read from its files: the format (<c>mlflow</c>, <c>onnx</c>, <c>mlnet</c>, <c>unknown</c>),
/// the flavor serving should use, all flavors as JSON, the MLflow-form signature as JSON, the input example's path,
/// whether it can only be loaded by executing code, and warnings worth showing.
/// </summary>
public sealed record PackageInfo(
    string Format,
    string? Flavor,
    string? FlavorsJson,
    string? SignatureJson,
    string? InputExamplePath,
    bool UnsafeFormat,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Recognizes and validates a package laid out in a local directory. A package that claims a format but does not parse
/// (a corrupt ONNX file, an MLmodel that is not YAML) is an <see cref="Error.Invalid"/> naming the file and the problem.
/// </summary>
public interface IModelPackageInspector
{
    Task<Result<PackageInfo>> InspectAsync(string directory, CancellationToken cancellationToken);
}
