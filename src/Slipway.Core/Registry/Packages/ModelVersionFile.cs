namespace Slipway.Core.Registry.Packages;

/// <summary>One file of a version's registry-owned copy: its package-relative path, size and SHA-256, checked on download and load.</summary>
public sealed class ModelVersionFile
{
    public long RegisteredModelId { get; set; }

    public int Version { get; set; }

    /// <summary>The path inside the package, '/'-separated (e.g. <c>MLmodel</c>, <c>model.onnx</c>).</summary>
    public required string Path { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }
}
