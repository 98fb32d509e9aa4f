namespace Slipway.Contracts.Registry;

/// <summary>The result of re-hashing every stored file of a version; <see cref="Ok"/> is true when all match.</summary>
public sealed record VersionVerificationResponse(string Name, string Version, bool Ok, IReadOnlyList<FileVerificationResponse> Files);
