using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

public sealed record DatasetInputCommand(string? Name, string? Digest, string? SourceType, string? Source, string? Schema, string? Profile, IReadOnlyList<KeyValue> Tags);

/// <summary>
/// Records the datasets (and MLflow 3 models) a run used. A dataset is stored once per experiment by
/// (name, digest); logging the same input again is a no-op.
/// </summary>
public sealed class LogInputs(SlipwayDbContext db, AuditLog audit)
{
    public async Task<Result<Unit>> HandleAsync(string? runId, IReadOnlyList<DatasetInputCommand> datasets, IReadOnlyList<string> modelIds, CancellationToken cancellationToken)
    {
        if (datasets.Count + modelIds.Count > TrackingLimits.InputsPerCall)
        {
            return Error.Invalid($"At most {TrackingLimits.InputsPerCall} inputs may be logged per call; {datasets.Count + modelIds.Count} were sent.", "datasets");
        }

        foreach (var d in datasets)
        {
            if (Validate(d) is { } error)
            {
                return error;
            }
        }

        return await ConflictRetry.RunAsync(db, ct => WriteAsync(runId, datasets, modelIds, ct), cancellationToken);
    }

    private async Task<Result<Unit>> WriteAsync(string? runId, IReadOnlyList<DatasetInputCommand> datasets, IReadOnlyList<string> modelIds, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var scope = await RunRules.WritableAsync(db, runId, cancellationToken);
        if (!scope.IsSuccess)
        {
            return scope.Error;
        }

        var experimentId = scope.Value.ExperimentId;
        foreach (var input in datasets)
        {
            var dataset = await db.Datasets.FirstOrDefaultAsync(d => d.ExperimentId == experimentId && d.Name == input.Name && d.Digest == input.Digest, cancellationToken);
            if (dataset is null)
            {
                dataset = new Dataset
                {
                    ExperimentId = experimentId,
                    Name = input.Name!,
                    Digest = input.Digest!,
                    SourceType = input.SourceType!,
                    Source = input.Source!,
                    Schema = input.Schema,
                    Profile = input.Profile,
                };
                db.Datasets.Add(dataset);
                await db.SaveChangesAsync(cancellationToken);
            }

            if (!await db.RunDatasetInputs.AnyAsync(i => i.RunId == runId && i.DatasetId == dataset.Id, cancellationToken))
            {
                db.RunDatasetInputs.Add(new RunDatasetInput { RunId = runId!, DatasetId = dataset.Id });
                db.InputTags.AddRange(input.Tags.DistinctBy(t => t.Key).Select(t => new InputTag { RunId = runId!, DatasetId = dataset.Id, Key = t.Key, Value = t.Value }));
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        foreach (var modelId in modelIds.Distinct())
        {
            if (!await db.LoggedModels.AnyAsync(m => m.Id == modelId && m.ExperimentId == experimentId, cancellationToken))
            {
                return Error.NotFound(RunRules.LoggedModelNotFound(modelId));
            }

            if (!await db.RunModelLinks.AnyAsync(l => l.RunId == runId && l.ModelId == modelId && l.Direction == RunModelLink.Input, cancellationToken))
            {
                db.RunModelLinks.Add(new RunModelLink { RunId = runId!, ModelId = modelId, Direction = RunModelLink.Input });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        // Dataset names and digests identify the data; their tags are keys only (AuditRedaction).
        await audit.RecordAsync(
            TrackingAudit.Run("run.log_inputs", scope.Value, new()
            {
                ["datasets"] = new System.Text.Json.Nodes.JsonArray([.. datasets.Select(d => (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonObject
                {
                    ["name"] = d.Name,
                    ["digest"] = d.Digest,
                    ["tag_keys"] = TrackingAudit.Keys(d.Tags),
                })]),
                ["models"] = AuditRedaction.Keys(modelIds),
            }),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    private static Error? Validate(DatasetInputCommand d)
    {
        if (string.IsNullOrEmpty(d.Name))
        {
            return Error.MissingField("dataset.name");
        }

        if (string.IsNullOrEmpty(d.Digest))
        {
            return Error.MissingField("dataset.digest");
        }

        if (string.IsNullOrEmpty(d.SourceType))
        {
            return Error.MissingField("dataset.source_type");
        }

        if (d.Source is null)
        {
            return Error.MissingField("dataset.source");
        }

        var lengthError =
            TrackingValidation.Value(d.Name, "dataset.name", TrackingLimits.DatasetNameLength)
            ?? TrackingValidation.Value(d.Digest, "dataset.digest", TrackingLimits.DatasetDigestLength)
            ?? TrackingValidation.Value(d.SourceType, "dataset.source_type", TrackingLimits.DatasetSourceTypeLength)
            ?? TrackingValidation.Value(d.Source, "dataset.source", TrackingLimits.DatasetSourceLength)
            ?? TrackingValidation.Value(d.Schema ?? "", "dataset.schema", TrackingLimits.DatasetSchemaLength)
            ?? TrackingValidation.Value(d.Profile ?? "", "dataset.profile", TrackingLimits.DatasetProfileLength);
        if (lengthError is not null)
        {
            return lengthError;
        }

        foreach (var tag in d.Tags)
        {
            if (string.IsNullOrEmpty(tag.Key))
            {
                return Error.MissingField("tags.key");
            }

            if ((TrackingValidation.Value(tag.Key, "tags.key", TrackingLimits.InputTagKeyLength)
                ?? TrackingValidation.Value(tag.Value, "tags.value", TrackingLimits.InputTagValueLength)) is { } tagError)
            {
                return tagError;
            }
        }

        return null;
    }
}
