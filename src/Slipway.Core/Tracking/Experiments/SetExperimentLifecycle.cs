using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

/// <summary>
/// Soft-deletes or restores an experiment; its runs follow it in the same transaction, as in MLflow.
/// An unknown id, or an experiment already in the target state, is a 404.
/// </summary>
public sealed class SetExperimentLifecycle(SlipwayDbContext db, AuditLog audit, TimeProvider time, ILogger<SetExperimentLifecycle> logger)
{
    public async Task<Result<Unit>> DeleteAsync(long id, CancellationToken cancellationToken) =>
        await MoveAsync(id, LifecycleStage.Active, LifecycleStage.Deleted, cancellationToken);

    public async Task<Result<Unit>> RestoreAsync(long id, CancellationToken cancellationToken) =>
        await MoveAsync(id, LifecycleStage.Deleted, LifecycleStage.Active, cancellationToken);

    private async Task<Result<Unit>> MoveAsync(long id, string from, string to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        long? deletedTime = to == LifecycleStage.Deleted ? now : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.Experiments
            .Where(e => e.Id == id && e.LifecycleStage == from)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LifecycleStage, to).SetProperty(e => e.LastUpdateTime, now), cancellationToken);
        if (moved == 0)
        {
            return Error.NotFound(await db.Experiments.AnyAsync(e => e.Id == id, cancellationToken)
                ? $"Experiment id={id} is already {to}."
                : $"No Experiment with id={id} exists.");
        }

        var runs = await db.Runs
            .Where(r => r.ExperimentId == id && r.LifecycleStage == from)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LifecycleStage, to).SetProperty(r => r.DeletedTime, deletedTime), cancellationToken);
        var experiment = await db.Experiments.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Name, e.WorkspaceId }).FirstAsync(cancellationToken);
        await audit.RecordAsync(
            TrackingAudit.Experiment(to == LifecycleStage.Deleted ? "delete" : "restore", id, experiment.Name, experiment.WorkspaceId,
                TrackingAudit.BeforeAfter(new() { ["lifecycle_stage"] = from }, new() { ["lifecycle_stage"] = to, ["runs"] = runs })),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.ExperimentLifecycleChanged(id, to);
        return Unit.Value;
    }
}
