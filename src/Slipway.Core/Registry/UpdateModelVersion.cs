using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry;

public sealed class UpdateModelVersion(SlipwayDbContext db, RegistryLoader loader, TimeProvider time)
{
    public async Task<Result<ModelVersionView>> HandleAsync(string? name, string? version, string? description, CancellationToken cancellationToken)
    {
        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.ModelVersions.Where(v => v.RegisteredModelId == id && v.Version == number)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Description, v => description ?? v.Description).SetProperty(v => v.LastUpdatedTimestamp, now), cancellationToken);
        return await loader.VersionAsync(name, version, cancellationToken);
    }
}
