using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Registry.Storage;

/// <summary>A version's registry-owned copy: where it is and the files recorded at registration, in path order.</summary>
public sealed record StoredVersion(long RegisteredModelId, string Name, int Version, string StorageKey, IReadOnlyList<ModelVersionFile> Files)
{
    public string KeyOf(ModelVersionFile file) => StorageKey + "/" + file.Path;
}

/// <summary>Finds a live version's <see cref="StoredVersion"/>, by name and version or by model id.</summary>
public sealed class StoredVersions(SlipwayDbContext db, RegistryLoader loader)
{
    public async Task<Result<StoredVersion>> FindAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var found = await loader.VersionAsync(name, version, cancellationToken);
        return found.IsSuccess
            ? await FindAsync(found.Value.Version.RegisteredModelId, found.Value.Name, found.Value.Version.Version, found.Value.Version.StorageKey, cancellationToken)
            : found.Error;
    }

    public async Task<Result<StoredVersion>> FindAsync(long registeredModelId, int version, CancellationToken cancellationToken)
    {
        var row = await db.ModelVersions.AsNoTracking()
            .Where(v => v.RegisteredModelId == registeredModelId && v.Version == version)
            .Join(db.RegisteredModels, v => v.RegisteredModelId, m => m.Id, (v, m) => new { m.Name, v.StorageKey })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? RegistryRules.VersionNotFound(registeredModelId.ToString(System.Globalization.CultureInfo.InvariantCulture), version)
            : await FindAsync(registeredModelId, row.Name, version, row.StorageKey, cancellationToken);
    }

    private async Task<Result<StoredVersion>> FindAsync(long registeredModelId, string name, int version, string? storageKey, CancellationToken cancellationToken)
    {
        if (storageKey is null)
        {
            return Error.Conflict($"Model '{name}' version {version} has no registry-owned copy of its files (it was registered before Slipway kept one).");
        }

        var files = await db.ModelVersionFiles.AsNoTracking()
            .Where(f => f.RegisteredModelId == registeredModelId && f.Version == version)
            .ToListAsync(cancellationToken);
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new StoredVersion(registeredModelId, name, version, storageKey, files);
    }
}
