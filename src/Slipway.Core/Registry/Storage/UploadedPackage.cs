namespace Slipway.Core.Registry.Storage;

/// <summary>Third-party provenance: where the model came from (e.g. <c>huggingface</c>), its license, author and source URL.</summary>
public sealed record Provenance(string Origin, string? License, string? Author, string? SourceUrl);

/// <summary>
/// A package that arrived as an upload, already extracted into a private directory, with its origin
/// (<see cref="Packages.ModelOrigins"/>) and, for third-party imports, its provenance. The uploader owns the directory.
/// </summary>
public sealed record UploadedPackage(PackageDirectory Package, string Origin, Provenance? Provenance);
