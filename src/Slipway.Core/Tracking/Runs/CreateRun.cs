using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Experiments;

namespace Slipway.Core.Tracking.Runs;

public sealed record CreateRunCommand(string? ExperimentId, string? UserId, string? RunName, long? StartTime, IReadOnlyList<KeyValue> Tags);

/// <summary>
/// Starts a run in an active experiment (the Default experiment when none is given). <c>run_name</c> and the
/// <c>mlflow.runName</c> tag are kept equal; with neither, a readable name is generated.
/// </summary>
public sealed class CreateRun(SlipwayDbContext db, AuditLog audit, AuditRedaction redaction, RunLoader loader, TimeProvider time, TrackingMetrics metrics, ILogger<CreateRun> logger)
{
    public async Task<Result<RunView>> HandleAsync(CreateRunCommand command, CancellationToken cancellationToken)
    {
        var experimentIdResult = string.IsNullOrEmpty(command.ExperimentId)
            ? Experiment.DefaultId
            : TrackingValidation.ExperimentId(command.ExperimentId);
        if (!experimentIdResult.IsSuccess)
        {
            return experimentIdResult.Error;
        }

        var experimentId = experimentIdResult.Value;
        var tags = command.Tags.Reverse().DistinctBy(t => t.Key).Reverse().ToList();
        foreach (var tag in tags)
        {
            if ((TrackingValidation.Key(tag.Key, "key") ?? TrackingValidation.Value(tag.Value, "value", TrackingLimits.RunTagValueLength)) is { } tagError)
            {
                return tagError;
            }
        }

        var nameTag = tags.Find(t => t.Key == RunRules.RunNameTag)?.Value;
        if (command.RunName is { Length: > 0 } given && nameTag is not null && nameTag != given)
        {
            return Error.Invalid($"Both 'run_name' ('{given}') and the tag '{RunRules.RunNameTag}' ('{nameTag}') were given and differ; send one or make them equal.", "run_name");
        }

        var name = command.RunName is { Length: > 0 } n ? n : nameTag is { Length: > 0 } t ? t : RunIds.NewRunName();
        if (name.Length > TrackingLimits.RunNameLength)
        {
            return Error.Invalid($"run_name is {name.Length} characters; the limit is {TrackingLimits.RunNameLength}.", "run_name");
        }

        if (command.UserId is { Length: > TrackingLimits.UserIdLength })
        {
            return Error.Invalid($"user_id is {command.UserId.Length} characters; the limit is {TrackingLimits.UserIdLength}.", "user_id");
        }

        if (command.StartTime is < 0)
        {
            return Error.Invalid("start_time must be a non-negative epoch time in milliseconds.", "start_time");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ExperimentLock.LockActiveAsync(db, experimentId, "runs", cancellationToken) is { } experimentError)
        {
            return experimentError;
        }

        var experiment = await db.Experiments.Where(e => e.Id == experimentId).Select(e => new { e.ArtifactLocation, e.WorkspaceId }).FirstAsync(cancellationToken);
        var artifactLocation = experiment.ArtifactLocation;

        var runId = RunIds.NewRunId();
        var run = new Run
        {
            Id = runId,
            ExperimentId = experimentId,
            Name = name,
            UserId = command.UserId,
            StartTime = command.StartTime ?? time.GetUtcNow().ToUnixTimeMilliseconds(),
            ArtifactUri = $"{artifactLocation.TrimEnd('/')}/{runId}/artifacts",
        };
        db.Runs.Add(run);
        tags.RemoveAll(tag => tag.Key == RunRules.RunNameTag);
        db.Tags.AddRange(tags.Select(tag => new RunTag { RunId = runId, Key = tag.Key, Value = tag.Value }));
        db.Tags.Add(new RunTag { RunId = runId, Key = RunRules.RunNameTag, Value = name });
        await db.SaveChangesAsync(cancellationToken);
        // user_id is often an e-mail address: recorded as its keyed hash, which still matches across events.
        await audit.RecordAsync(
            TrackingAudit.Run("run.create", new RunScope(runId, name, experimentId, experiment.WorkspaceId), TrackingAudit.After(new()
            {
                ["name"] = name,
                ["status"] = run.Status,
                ["user_id"] = redaction.Hmac(command.UserId),
                ["tag_keys"] = TrackingAudit.Keys(tags),
            })),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        metrics.RunCreated();
        logger.RunCreated(runId, experimentId);
        return (await loader.LoadAsync([runId], cancellationToken))[0];
    }
}
