namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>
/// Where artifact bytes live: a local directory or an S3-compatible bucket. Keys are validated, relative,
/// '/'-separated paths (see <see cref="ArtifactPath"/>). Writes stream to a staging name and become visible
/// only when complete; reads stream; nothing holds a whole file in memory.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Streams <paramref name="content"/> to <paramref name="key"/>, replacing any file there, and returns its size and SHA-256.</summary>
    Task<StoredArtifact> WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a file for reading, or returns null when there is no file at <paramref name="key"/>.</summary>
    Task<ArtifactReadStream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lists the direct children of a directory; null when it does not exist or is a file.</summary>
    Task<IReadOnlyList<ArtifactEntry>?> ListAsync(string directoryKey, CancellationToken cancellationToken);

    /// <summary>Deletes a file, or a directory and everything under it. Deleting nothing is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>A committed file: its size in bytes and lower-case hex SHA-256.</summary>
public sealed record StoredArtifact(string Key, long Size, string Sha256);

/// <summary>A direct child of a listed directory: its base name, and its size when it is a file.</summary>
public sealed record ArtifactEntry(string Name, bool IsDirectory, long? Size);

/// <summary>An open artifact file and its length, which the caller disposes.</summary>
public sealed record ArtifactReadStream(Stream Content, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
