using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry;

/// <summary>Deletes a registered model with its versions, tags and aliases (cascading foreign keys).</summary>
public sealed class DeleteRegisteredModel(SlipwayDbContext db, RegistryLoader loader)
{
    public async Task<Result<Unit>> HandleAsync(string? name, CancellationToken cancellationToken)
    {
        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var id = found.Value.Id;
        await db.RegisteredModels.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
        return Unit.Value;
    }
}
