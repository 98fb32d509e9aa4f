using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Experiments;

namespace Slipway.Core.Tracking.Runs;

public sealed record CreateRunCommand(string? ExperimentId, string? UserId, string? RunName, long? StartTime, IReadOnlyList<KeyValue> Tags);

/// <summary>
/// Starts a run in an active experiment (the Default experiment when none is given). <c>run_name</c> and the
/// <c>mlflow.runName</c> tag are kept equal; with neither, a readable name is generated.
/// </summary>
public sealed class CreateRun(SlipwayDbContext db, RunLoader loader, TimeProvider time, TrackingMetrics metrics, ILogger<CreateRun> logger)
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

        var artifactLocation = await db.Experiments.Where(e => e.Id == experimentId).Select(e => e.ArtifactLocation).FirstAsync(cancellationToken);

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
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        metrics.RunCreated();
        logger.RunCreated(runId, experimentId);
        return (await loader.LoadAsync([runId], cancellationToken))[0];
    }
}
