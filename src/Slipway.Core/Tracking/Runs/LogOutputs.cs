using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

public sealed record ModelOutput(string? ModelId, long Step);

/// <summary>Links logged models to the run that produced them (<c>runs/outputs</c>, MLflow 3).</summary>
public sealed class LogOutputs(SlipwayDbContext db, AuditLog audit)
{
    public async Task<Result<Unit>> HandleAsync(string? runId, IReadOnlyList<ModelOutput> models, CancellationToken cancellationToken)
    {
        if (models.Count == 0)
        {
            return Error.MissingField("models");
        }

        if (models.Count > TrackingLimits.InputsPerCall)
        {
            return Error.Invalid($"At most {TrackingLimits.InputsPerCall} models may be logged per call.", "models");
        }

        if (models.FirstOrDefault(m => string.IsNullOrEmpty(m.ModelId)) is not null)
        {
            return Error.MissingField("models.model_id");
        }

        return await ConflictRetry.RunAsync(db, ct => WriteAsync(runId, models, ct), cancellationToken);
    }

    private async Task<Result<Unit>> WriteAsync(string? runId, IReadOnlyList<ModelOutput> models, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var scope = await RunRules.WritableAsync(db, runId, cancellationToken);
        if (!scope.IsSuccess)
        {
            return scope.Error;
        }

        var experimentId = scope.Value.ExperimentId;
        foreach (var output in models.DistinctBy(m => m.ModelId))
        {
            if (!await db.LoggedModels.AnyAsync(m => m.Id == output.ModelId && m.ExperimentId == experimentId, cancellationToken))
            {
                return Error.NotFound(RunRules.LoggedModelNotFound(output.ModelId!));
            }

            var link = await db.RunModelLinks.FirstOrDefaultAsync(l => l.RunId == runId && l.ModelId == output.ModelId && l.Direction == RunModelLink.Output, cancellationToken);
            if (link is null)
            {
                db.RunModelLinks.Add(new RunModelLink { RunId = runId!, ModelId = output.ModelId!, Direction = RunModelLink.Output, Step = output.Step });
            }
            else
            {
                link.Step = output.Step;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(TrackingAudit.Run("run.log_outputs", scope.Value, new() { ["models"] = AuditRedaction.Keys(models.Select(m => m.ModelId!)) }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
