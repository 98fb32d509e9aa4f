using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

/// <summary>Reads an experiment with its tags by id or by name (in the request's workspace); deleted experiments are returned too.</summary>
public sealed class GetExperiment(SlipwayDbContext db, Governance.CurrentActor actor)
{
    public async Task<Result<Experiment>> ByIdAsync(long id, CancellationToken cancellationToken)
    {
        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Tags).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return experiment is null ? ExperimentRules.NotFound(id) : experiment;
    }

    public async Task<Result<Experiment>> ByNameAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return Error.MissingField("experiment_name");
        }

        var experiment = await db.Experiments.AsNoTracking().Include(e => e.Tags).FirstOrDefaultAsync(e => e.WorkspaceId == actor.WorkspaceId && e.Name == name, cancellationToken);
        return experiment is null ? Error.NotFound($"Could not find experiment with name '{name}'.") : experiment;
    }
}
