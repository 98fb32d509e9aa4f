using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>An artifact file opened for streaming, and its key; the caller disposes it.</summary>
public sealed record OpenedArtifact(string Key, ArtifactReadStream File);

/// <summary>Opens an artifact file for streaming.</summary>
public sealed class ReadArtifact(IArtifactStore store)
{
    /// <param name="path">The path as the client sent it, still percent-encoded; it is checked here (§4.4).</param>
    public async Task<Result<OpenedArtifact>> HandleAsync(string? path, CancellationToken cancellationToken)
    {
        var key = ArtifactPath.Parse(path);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        ArtifactReadStream? file;
        try
        {
            file = await store.OpenReadAsync(key.Value, cancellationToken);
        }
        catch (ArtifactPathException e)
        {
            return ArtifactPath.Refused(e);
        }

        return file is null ? Error.NotFound("No artifact file exists at that path.") : new OpenedArtifact(key.Value, file);
    }
}
