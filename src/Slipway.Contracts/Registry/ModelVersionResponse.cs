using System.Text.Json;

namespace Slipway.Contracts.Registry;

/// <summary>
/// A model version: where it came from (<see cref="Source"/>, <see cref="RunId"/>, <see cref="Origin"/>
/// <c>in_house</c> or <c>third_party</c>), what it holds (format, flavor, MLflow-form signature) and where its files
/// are. <see cref="Files"/> (each file's SHA-256) is filled when one version is read, and null in listings.
/// Times are epoch milliseconds.
/// </summary>
public sealed record ModelVersionResponse(
    string Name,
    int Version,
    string Description,
    string Source,
    string? RunId,
    string Stage,
    string Status,
    string Origin,
    string? CreatedBy,
    string? PackageFormat,
    string? Flavor,
    JsonElement? Signature,
    bool UnsafeFormat,
    string StorageLocation,
    string? StorageKey,
    ModelProvenanceResponse? Provenance,
    long CreationTime,
    long LastUpdateTime,
    long? ArchivedAt,
    IReadOnlyList<string> Aliases,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<ModelVersionFileResponse>? Files = null);
