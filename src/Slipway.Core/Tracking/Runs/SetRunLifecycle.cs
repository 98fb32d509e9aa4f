using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

/// <summary>Soft-deletes or restores a run. Deleting a deleted run, or restoring an active one, is a no-op.</summary>
public sealed class SetRunLifecycle(SlipwayDbContext db, AuditLog audit, TimeProvider time, ILogger<SetRunLifecycle> logger)
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

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId)
            .Select(r => new { r.Name, r.ExperimentId, r.LifecycleStage, WorkspaceId = db.Experiments.Where(e => e.Id == r.ExperimentId).Select(e => e.WorkspaceId).First() })
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return RunRules.NotFound(runId!);
        }

        await db.Runs.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LifecycleStage, stage).SetProperty(r => r.DeletedTime, deletedTime), cancellationToken);
        await audit.RecordAsync(
            TrackingAudit.Run(stage == LifecycleStage.Deleted ? "run.delete" : "run.restore", new RunScope(runId!, run.Name, run.ExperimentId, run.WorkspaceId),
                TrackingAudit.BeforeAfter(new() { ["lifecycle_stage"] = run.LifecycleStage }, new() { ["lifecycle_stage"] = stage })),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.RunLifecycleChanged(runId!, stage);
        return Unit.Value;
    }
}
