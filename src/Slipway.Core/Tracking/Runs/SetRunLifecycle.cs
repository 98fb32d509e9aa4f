using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

/// <summary>Soft-deletes or restores a run. Deleting a deleted run, or restoring an active one, is a no-op.</summary>
public sealed class SetRunLifecycle(SlipwayDbContext db, TimeProvider time, ILogger<SetRunLifecycle> logger)
{
    public Task<Result<Unit>> DeleteAsync(string? runId, CancellationToken cancellationToken) =>
        SetAsync(runId, LifecycleStage.Deleted, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);

    public Task<Result<Unit>> RestoreAsync(string? runId, CancellationToken cancellationToken) =>
        SetAsync(runId, LifecycleStage.Active, null, cancellationToken);

    private async Task<Result<Unit>> SetAsync(string? runId, string stage, long? deletedTime, CancellationToken cancellationToken)
    {
        if (TrackingValidation.RunId(runId) is { } error)
        {
            return error;
        }

        var updated = await db.Runs.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LifecycleStage, stage).SetProperty(r => r.DeletedTime, deletedTime), cancellationToken);
        if (updated == 0)
        {
            return RunRules.NotFound(runId!);
        }

        logger.RunLifecycleChanged(runId!, stage);
        return Unit.Value;
    }
}
