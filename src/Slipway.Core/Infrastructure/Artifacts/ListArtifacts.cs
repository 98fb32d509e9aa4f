using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>The direct children of an artifact directory; none when it does not exist or is a file.</summary>
public sealed class ListArtifacts(IArtifactStore store)
{
    /// <param name="directory">The directory as the client sent it (empty for the root); it is checked here (§4.4).</param>
    public async Task<Result<IReadOnlyList<ArtifactEntry>>> HandleAsync(string? directory, CancellationToken cancellationToken)
    {
        var key = ArtifactPath.ParseDirectory(directory);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        try
        {
            var entries = await store.ListAsync(key.Value, cancellationToken);
            return Result<IReadOnlyList<ArtifactEntry>>.Success(entries ?? []);
        }
        catch (ArtifactPathException e)
        {
            return ArtifactPath.Refused(e);
        }
    }
}
