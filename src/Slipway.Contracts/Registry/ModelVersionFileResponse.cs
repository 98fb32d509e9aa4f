namespace Slipway.Contracts.Registry;

/// <summary>One file of a version's registry-owned copy: its package-relative path, size in bytes and SHA-256 (hex).</summary>
public sealed record ModelVersionFileResponse(string Path, long Size, string Sha256);
