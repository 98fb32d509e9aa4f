using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

/// <summary>Sets (upserts) and deletes experiment tags; the experiment must be active.</summary>
public sealed class ExperimentTags(SlipwayDbContext db)
{
    public async Task<Result<Unit>> SetAsync(long id, string? key, string? value, CancellationToken cancellationToken)
    {
        if ((TrackingValidation.Key(key, "key") ?? TrackingValidation.Value(value ?? "", "value", TrackingLimits.ExperimentTagValueLength)) is { } error)
        {
            return error;
        }

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
            // A concurrent set of the same key won; tags are last-writer-wins, so retry as an update.
            db.ChangeTracker.Clear();
            await db.ExperimentTags.Where(t => t.ExperimentId == id && t.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value ?? ""), cancellationToken);
        }

        return Unit.Value;
    }

    public async Task<Result<Unit>> DeleteAsync(long id, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Error.MissingField("key");
        }

        if (await ActiveCheckAsync(id, cancellationToken) is { } stateError)
        {
            return stateError;
        }

        var deleted = await db.ExperimentTags.Where(t => t.ExperimentId == id && t.Key == key).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Error.NotFound($"No tag with key '{key}' on experiment id={id}.") : Unit.Value;
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
