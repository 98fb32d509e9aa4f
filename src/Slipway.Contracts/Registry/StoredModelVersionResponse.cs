namespace Slipway.Contracts.Registry;

/// <summary>
/// A version with its registry-owned files: where they live (<see cref="StorageUri"/>), what the package is,
/// whether it is in-house or third-party (with provenance), and the digest of every file. Times are epoch milliseconds.
/// </summary>
public sealed record StoredModelVersionResponse(
    string Name,
    string Version,
    string Source,
    string? RunId,
    string Status,
    string Origin,
    string? StorageUri,
    string? Format,
    string? Flavor,
    bool UnsafeFormat,
    string? ProvenanceOrigin,
    string? License,
    string? Author,
    string? SourceUrl,
    long CreationTimestamp,
    IReadOnlyList<ModelVersionFileResponse> Files);
