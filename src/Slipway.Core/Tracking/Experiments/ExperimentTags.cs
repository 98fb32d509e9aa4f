using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

/// <summary>Sets (upserts) and deletes experiment tags; the experiment must be active.</summary>
public sealed class ExperimentTags(SlipwayDbContext db, AuditLog audit)
{
    public async Task<Result<Unit>> SetAsync(long id, string? key, string? value, CancellationToken cancellationToken)
    {
        if ((TrackingValidation.Key(key, "key") ?? TrackingValidation.Value(value ?? "", "value", TrackingLimits.ExperimentTagValueLength)) is { } error)
        {
            return error;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ActiveCheckAsync(id, cancellationToken) is { } stateError)
        {
            return stateError;
        }

        var tag = await db.ExperimentTags.FirstOrDefaultAsync(t => t.ExperimentId == id && t.Key == key, cancellationToken);
        if (tag is null)
        {
            db.ExperimentTags.Add(new ExperimentTag { ExperimentId = id, Key = key!, Value = value ?? "" });
        }
        else
        {
            tag.Value = value ?? "";
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // A concurrent set of the same key won; tags are last-writer-wins, so retry as an update. On PostgreSQL the
            // failed insert aborted the transaction, so the update and the audit event go in a fresh one.
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(cancellationToken);
            await using var retry = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.ExperimentTags.Where(t => t.ExperimentId == id && t.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value ?? ""), cancellationToken);
            await RecordAsync("tag.set", id, key!, cancellationToken);
            await retry.CommitAsync(cancellationToken);
            return Unit.Value;
        }

        await RecordAsync("tag.set", id, key!, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Result<Unit>> DeleteAsync(long id, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Error.MissingField("key");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ActiveCheckAsync(id, cancellationToken) is { } stateError)
        {
            return stateError;
        }

        var deleted = await db.ExperimentTags.Where(t => t.ExperimentId == id && t.Key == key).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Error.NotFound($"No tag with key '{key}' on experiment id={id}.");
        }

        await RecordAsync("tag.delete", id, key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>The tag's key only: its value may be personal data (<see cref="AuditRedaction"/>).</summary>
    private async Task RecordAsync(string verb, long id, string key, CancellationToken cancellationToken)
    {
        var experiment = await db.Experiments.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.Name, e.WorkspaceId }).FirstAsync(cancellationToken);
        await audit.RecordAsync(TrackingAudit.Experiment(verb, id, experiment.Name, experiment.WorkspaceId, new() { ["key"] = key }), cancellationToken);
    }

    private async Task<Error?> ActiveCheckAsync(long id, CancellationToken cancellationToken)
    {
        var stage = await db.Experiments.Where(e => e.Id == id).Select(e => e.LifecycleStage).FirstOrDefaultAsync(cancellationToken);
        return stage switch
        {
            null => ExperimentRules.NotFound(id),
            LifecycleStage.Active => null,
            _ => Error.Invalid($"Experiment id={id} is deleted; restore it before changing its tags.", "experiment_id"),
        };
    }
}
