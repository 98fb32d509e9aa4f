using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Experiments;

public sealed record CreateExperimentCommand(string? Name, string? ArtifactLocation, IReadOnlyList<KeyValue> Tags);

public sealed class CreateExperiment(
    SlipwayDbContext db, AuditLog audit, TimeProvider time, ILogger<CreateExperiment> logger, CurrentActor actor, Governance.Access.CreatorGrants creator)
{
    public async Task<Result<Experiment>> HandleAsync(CreateExperimentCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Name))
        {
            return Error.MissingField("name");
        }

        if (ExperimentRules.Name(command.Name) is { } nameError)
        {
            return nameError;
        }

        string? locationKey = null;
        if (command.ArtifactLocation is { Length: > 0 } location)
        {
            var parsed = ExperimentRules.ParseLocation(location);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            locationKey = parsed.Value;
        }

        foreach (var tag in command.Tags)
        {
            if ((TrackingValidation.Key(tag.Key, "key") ?? TrackingValidation.Value(tag.Value, "value", TrackingLimits.ExperimentTagValueLength)) is { } tagError)
            {
                return tagError;
            }
        }

        if (await db.Experiments.AnyAsync(e => e.WorkspaceId == actor.WorkspaceId && e.Name == command.Name, cancellationToken))
        {
            return ExperimentRules.NameTaken(command.Name);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var experiment = new Experiment
        {
            Name = command.Name,
            WorkspaceId = actor.WorkspaceId,
            ArtifactLocation = "",
            CreationTime = now,
            LastUpdateTime = now,
            Tags = command.Tags.DistinctBy(t => t.Key).Select(t => new ExperimentTag { Key = t.Key, Value = t.Value }).ToList(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync(cancellationToken);
            // The first segment of every artifact path is the experiment id, its authorization scope (§4.1), so a
            // given location must lie under the new experiment's own root.
            var id = experiment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (locationKey is not null && locationKey != id && !locationKey.StartsWith(id + "/", StringComparison.Ordinal))
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return Error.Invalid(
                    $"artifact_location must be 'mlflow-artifacts:/{id}' or a path under it (the new experiment's id comes first); omit it to get the default.",
                    "artifact_location");
            }

            experiment.ArtifactLocation = "mlflow-artifacts:/" + (locationKey ?? id);
            creator.Add(experiment.WorkspaceId, Governance.Access.ResourceTypes.Experiment, experiment.Id);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                TrackingAudit.Experiment("create", experiment.Id, experiment.Name, experiment.WorkspaceId, TrackingAudit.After(new()
                {
                    ["name"] = experiment.Name,
                    ["artifact_location"] = experiment.ArtifactLocation,
                    ["tag_keys"] = TrackingAudit.Keys(command.Tags),
                })),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            creator.Committed();
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another request created the same name between the check and the insert.
            db.ChangeTracker.Clear();
            return ExperimentRules.NameTaken(command.Name);
        }

        logger.ExperimentCreated(experiment.Id, experiment.Name);
        return experiment;
    }
}
