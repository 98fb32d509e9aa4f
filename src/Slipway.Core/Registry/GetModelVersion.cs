using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Registry;

/// <summary>One version with the files of its registry-owned copy (path, size, SHA-256), for the native API.</summary>
public sealed class GetModelVersion(SlipwayDbContext db, RegistryLoader loader)
{
    public async Task<Result<(ModelVersionView View, IReadOnlyList<ModelVersionFile> Files)>> HandleAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        var files = await db.ModelVersionFiles.AsNoTracking().Where(f => f.RegisteredModelId == id && f.Version == number)
            .OrderBy(f => f.Path).ToListAsync(cancellationToken);
        return (found.Value, files);
    }
}
