using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

/// <summary>
/// Inside a write transaction, checks that an experiment exists and is active and holds its row until commit, so an
/// experiments/delete cannot slip between the check and the insert of a run or logged model (it would then miss
/// the new child in its cascade). A no-op UPDATE takes the row lock on PostgreSQL; SQLite's writer lock covers it.
/// </summary>
internal static class ExperimentLock
{
    public static async Task<Error?> LockActiveAsync(SlipwayDbContext db, long experimentId, string what, CancellationToken cancellationToken)
    {
        var locked = await db.Experiments
            .Where(e => e.Id == experimentId && e.LifecycleStage == LifecycleStage.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastUpdateTime, e => e.LastUpdateTime), cancellationToken);
        if (locked == 1)
        {
            return null;
        }

        return await db.Experiments.AnyAsync(e => e.Id == experimentId, cancellationToken)
            ? Error.Invalid($"Experiment id={experimentId} is deleted; {what} can only be created in an active experiment.", "experiment_id")
            : Error.NotFound($"No Experiment with id={experimentId} exists.");
    }
}
