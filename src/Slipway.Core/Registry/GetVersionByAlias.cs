using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry;

/// <summary>Resolves <c>models:/name@alias</c>. An unknown alias is <see cref="RegistryRules.AliasNotFound"/>.</summary>
public sealed class GetVersionByAlias(SlipwayDbContext db, RegistryLoader loader)
{
    public async Task<Result<ModelVersionView>> HandleAsync(string? name, string? alias, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(alias))
        {
            return Error.MissingField("alias");
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        var version = await db.RegisteredModelAliases.Where(a => a.RegisteredModelId == model.Id && a.Alias == alias)
            .Select(a => (int?)a.Version).FirstOrDefaultAsync(cancellationToken);
        return version is null
            ? RegistryRules.AliasNotFound(alias)
            : await loader.VersionAsync(model, version.Value, cancellationToken);
    }
}
