using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Copies the files under an artifact key (a run's model directory, a logged model's artifacts) into a
/// <see cref="PackageDirectory"/>, streaming, through whichever <see cref="IArtifactStore"/> is configured.
/// A key that names a single file gives a one-file package named after it.
/// </summary>
public sealed class StoreSourceCopier(IArtifactStore store)
{
    public async Task<Result<Unit>> CopyAsync(string key, PackageDirectory package, CancellationToken cancellationToken)
    {
        try
        {
            var top = await store.ListAsync(key, cancellationToken);
            if (top is null)
            {
                return await CopyFileAsync(key, ArtifactPath.BaseName(key), package, cancellationToken);
            }

            var pending = new Queue<(string Relative, IReadOnlyList<ArtifactEntry> Entries)>();
            pending.Enqueue(("", top));
            while (pending.TryDequeue(out var directory))
            {
                foreach (var entry in directory.Entries)
                {
                    var relative = ArtifactPath.Combine(directory.Relative, entry.Name);
                    if (entry.IsDirectory)
                    {
                        pending.Enqueue((relative, await store.ListAsync(ArtifactPath.Combine(key, relative), cancellationToken) ?? []));
                        continue;
                    }

                    var copied = await CopyFileAsync(ArtifactPath.Combine(key, relative), relative, package, cancellationToken);
                    if (!copied.IsSuccess)
                    {
                        return copied;
                    }
                }
            }

            return Unit.Value;
        }
        catch (ArtifactPathException e)
        {
            return ArtifactPath.Refused(e);
        }
    }

    private async Task<Result<Unit>> CopyFileAsync(string key, string relative, PackageDirectory package, CancellationToken cancellationToken)
    {
        await using var file = await store.OpenReadAsync(key, cancellationToken);
        if (file is null)
        {
            // Deleted while we listed: the package is what is there now.
            return Unit.Value;
        }

        var added = await package.AddAsync(relative, file.Content, cancellationToken);
        return added.IsSuccess ? Unit.Value : added.Error;
    }
}
