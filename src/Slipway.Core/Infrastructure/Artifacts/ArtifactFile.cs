namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>The size and SHA-256 of every committed artifact file, keyed by its storage key.</summary>
public sealed class ArtifactFile
{
    public required string Path { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public long UpdatedAt { get; set; }
}
