using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry;

public sealed class DeleteAlias(SlipwayDbContext db, RegistryLoader loader)
{
    public async Task<Result<Unit>> HandleAsync(string? name, string? alias, CancellationToken cancellationToken)
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

        var id = found.Value.Id;
        await db.RegisteredModelAliases.Where(a => a.RegisteredModelId == id && a.Alias == alias).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
