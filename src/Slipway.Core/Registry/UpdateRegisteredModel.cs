using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry;

public sealed class UpdateRegisteredModel(SlipwayDbContext db, RegistryLoader loader, TimeProvider time)
{
    public async Task<Result<RegisteredModelView>> HandleAsync(string? name, string? description, CancellationToken cancellationToken)
    {
        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        if (description is not null)
        {
            model.Description = description;
        }

        model.LastUpdatedTimestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SaveChangesAsync(cancellationToken);
        return await loader.ViewAsync(model, cancellationToken);
    }
}
