using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

/// <summary>Renames an experiment. A deleted experiment cannot be renamed; a taken name is refused.</summary>
public sealed class UpdateExperiment(SlipwayDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Result<Experiment>> HandleAsync(long id, string? newName, CancellationToken cancellationToken)
    {
        var experiment = await db.Experiments.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (experiment is null)
        {
            return ExperimentRules.NotFound(id);
        }

        if (string.IsNullOrEmpty(newName))
        {
            return experiment;
        }

        if (experiment.LifecycleStage != LifecycleStage.Active)
        {
            return Error.Invalid($"Cannot rename a non-active experiment (id={id}); restore it first.", "experiment_id");
        }

        if (ExperimentRules.Name(newName) is { } nameError)
        {
            return nameError;
        }

        if (newName == experiment.Name)
        {
            return experiment;
        }

        if (await db.Experiments.AnyAsync(e => e.WorkspaceId == experiment.WorkspaceId && e.Name == newName, cancellationToken))
        {
            return ExperimentRules.NameTaken(newName);
        }

        var oldName = experiment.Name;
        experiment.Name = newName;
        experiment.LastUpdateTime = time.GetUtcNow().ToUnixTimeMilliseconds();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                TrackingAudit.Experiment("update", id, newName, experiment.WorkspaceId, TrackingAudit.BeforeAfter(new() { ["name"] = oldName }, new() { ["name"] = newName })),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return ExperimentRules.NameTaken(newName);
        }

        return experiment;
    }
}
