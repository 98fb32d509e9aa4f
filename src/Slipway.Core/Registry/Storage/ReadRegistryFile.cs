using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Registry.Storage;

/// <summary>A registry file opened for download, and the size and SHA-256 it must have; the caller disposes it.</summary>
public sealed record OpenedRegistryFile(OpenedArtifact Artifact, long RegisteredModelId, int Version, ModelVersionFile Expected);

/// <summary>
/// Opens a file of a version's registry copy for the artifact proxy, with its recorded digest so the download can be
/// checked as it streams. A recorded file that is gone is an integrity failure, not a 404.
/// </summary>
public sealed class ReadRegistryFile(IArtifactStore store, SlipwayDbContext db, IntegrityFailures failures)
{
    /// <param name="key">A parsed artifact key under <c>registry/</c>.</param>
    public async Task<Result<OpenedRegistryFile>> HandleAsync(string key, CancellationToken cancellationToken)
    {
        if (!RegistryStorageKeys.TryParse(key, out var modelId, out var version, out var path) || path.Length == 0)
        {
            return Error.NotFound("No artifact file exists at that path.");
        }

        var expected = await db.ModelVersionFiles.AsNoTracking()
            .FirstOrDefaultAsync(f => f.RegisteredModelId == modelId && f.Version == version && f.Path == path, cancellationToken);
        if (expected is null)
        {
            return Error.NotFound("No artifact file exists at that path.");
        }

        var file = await store.OpenReadAsync(key, cancellationToken);
        if (file is null)
        {
            await failures.RecordAsync(modelId, version, "download", [new IntegrityMismatch(path, expected.Size, expected.Sha256, null, null)]);
            var name = await db.RegisteredModels.Where(m => m.Id == modelId).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken) ?? "?";
            return PackageErrors.Corrupt(name, version, path);
        }

        return new OpenedRegistryFile(new OpenedArtifact(key, file), modelId, version, expected);
    }
}
