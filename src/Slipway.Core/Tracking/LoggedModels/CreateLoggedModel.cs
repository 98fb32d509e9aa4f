using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Experiments;

namespace Slipway.Core.Tracking.LoggedModels;

public sealed record CreateLoggedModelCommand(string? ExperimentId, string? Name, string? ModelType, string? SourceRunId, IReadOnlyList<KeyValue> Params, IReadOnlyList<KeyValue> Tags);

/// <summary>Creates an MLflow 3 logged model (<c>LOGGED_MODEL_PENDING</c>) with its own artifact root.</summary>
public sealed class CreateLoggedModel(SlipwayDbContext db, AuditLog audit, LoggedModelLoader loader, TimeProvider time)
{
    public async Task<Result<LoggedModelView>> HandleAsync(CreateLoggedModelCommand command, CancellationToken cancellationToken)
    {
        var experimentId = TrackingValidation.ExperimentId(command.ExperimentId);
        if (!experimentId.IsSuccess)
        {
            return experimentId.Error;
        }

        if (command.Name is { Length: > 0 } name && (name.Length > 500 || name.IndexOfAny(['/', ':', '.', '%', '"', '\'']) >= 0))
        {
            return Error.Invalid($"Invalid model name '{TrackingValidation.Shorten(name)}': at most 500 characters and none of / : . % \" '.", "name");
        }

        foreach (var p in command.Params)
        {
            if ((TrackingValidation.Key(p.Key, "key") ?? TrackingValidation.Value(p.Value, "value", TrackingLimits.ParamValueLength)) is { } error)
            {
                return error;
            }
        }

        foreach (var t in command.Tags)
        {
            if ((TrackingValidation.Key(t.Key, "key") ?? TrackingValidation.Value(t.Value, "value", TrackingLimits.RunTagValueLength)) is { } error)
            {
                return error;
            }
        }

        if (command.ModelType is { Length: > TrackingLimits.LoggedModelTypeLength })
        {
            return Error.Invalid($"model_type is {command.ModelType.Length} characters; the limit is {TrackingLimits.LoggedModelTypeLength}.", "model_type");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ExperimentLock.LockActiveAsync(db, experimentId.Value, "logged models", cancellationToken) is { } experimentError)
        {
            return experimentError;
        }

        if (command.SourceRunId is { Length: > 0 } runId && !await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken))
        {
            return Error.NotFound($"Run with id={runId} not found.");
        }

        var id = RunIds.NewLoggedModelId();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var model = new LoggedModel
        {
            Id = id,
            ExperimentId = experimentId.Value,
            Name = command.Name is { Length: > 0 } n ? n : RunIds.NewRunName(),
            ArtifactUri = $"mlflow-artifacts:/{experimentId.Value}/models/{id}/artifacts",
            CreationTimestamp = now,
            LastUpdatedTimestamp = now,
            ModelType = command.ModelType,
            SourceRunId = command.SourceRunId is { Length: > 0 } ? command.SourceRunId : null,
        };
        db.LoggedModels.Add(model);
        db.LoggedModelParams.AddRange(command.Params.DistinctBy(p => p.Key).Select(p => new LoggedModelParam { ModelId = id, Key = p.Key, Value = p.Value }));
        db.LoggedModelTags.AddRange(command.Tags.Reverse().DistinctBy(t => t.Key).Select(t => new LoggedModelTag { ModelId = id, Key = t.Key, Value = t.Value }));
        await db.SaveChangesAsync(cancellationToken);
        var workspaceId = await db.Experiments.Where(e => e.Id == model.ExperimentId).Select(e => e.WorkspaceId).FirstAsync(cancellationToken);
        await audit.RecordAsync(
            TrackingAudit.LoggedModel("create", id, model.Name, model.ExperimentId, workspaceId, TrackingAudit.After(new()
            {
                ["name"] = model.Name,
                ["source_run_id"] = model.SourceRunId,
                ["param_keys"] = TrackingAudit.Keys(command.Params),
                ["tag_keys"] = TrackingAudit.Keys(command.Tags),
            })),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (await loader.LoadAsync([id], cancellationToken))[0];
    }
}
