using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Catalog;

/// <summary>A version's model card; a version registered before cards existed reads as an empty card.</summary>
public sealed class GetModelCard(SlipwayDbContext db, RegistryLoader loader)
{
    public async Task<Result<ModelCardView>> HandleAsync(string? name, string? version, CancellationToken cancellationToken)
    {
        var found = await loader.VersionAsync(name, version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (id, number) = (found.Value.Version.RegisteredModelId, found.Value.Version.Version);
        var card = await db.ModelCards.AsNoTracking().FirstOrDefaultAsync(c => c.RegisteredModelId == id && c.Version == number, cancellationToken)
            ?? new ModelCard { RegisteredModelId = id, Version = number };
        return new ModelCardView(found.Value.Name, number, card, ModelCardJson.Read(card), found.Value.Version.UnsafeFormat);
    }
}
