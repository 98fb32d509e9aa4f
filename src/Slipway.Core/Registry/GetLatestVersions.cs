using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry;

/// <summary>The newest live version in each requested stage (every stage when none is given).</summary>
public sealed class GetLatestVersions(SlipwayDbContext db, RegistryLoader loader)
{
    public async Task<Result<IReadOnlyList<ModelVersionView>>> HandleAsync(string? name, IReadOnlyList<string> stages, CancellationToken cancellationToken)
    {
        var wanted = new List<string>();
        foreach (var stage in stages)
        {
            if (Stages.Canonical(stage) is not { } canonical)
            {
                return Error.Invalid($"Invalid Model Version stage: {stage}. Value must be one of {string.Join(", ", Stages.All)}.", "stages");
            }

            wanted.Add(canonical);
        }

        var found = await loader.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var model = found.Value;
        var all = wanted.Count == 0;
        var latest = await db.ModelVersions.Where(v => v.RegisteredModelId == model.Id && !v.Deleted && (all || wanted.Contains(v.CurrentStage)))
            .GroupBy(v => v.CurrentStage)
            .Select(g => g.Max(v => v.Version))
            .ToListAsync(cancellationToken);
        return await loader.VersionsAsync(model, latest, cancellationToken);
    }
}
