using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

/// <param name="AuditAction">The request's audit action: <c>run.log_batch</c>, or the single-item RPC that reuses the batch path.</param>
public sealed record LogBatchCommand(string? RunId, IReadOnlyList<MetricValue> Metrics, IReadOnlyList<KeyValue> Params, IReadOnlyList<KeyValue> Tags, string AuditAction = LogBatch.AuditAction);

/// <summary>
/// The hot write path behind log-batch, log-metric, log-parameter and set-tag (mlflow-rest.md §1.8): everything is
/// validated first, then written in one transaction with batched, parameterized statements, so a batch is all or
/// nothing. Exact duplicate metric points are ignored; params are immutable; tags are upserts.
/// </summary>
public sealed class LogBatch(SlipwayDbContext db, AuditLog audit, IRowWriter rows, WriteGate writeGate, TrackingMetrics metrics, ILogger<LogBatch> logger)
{
    public const string AuditAction = "run.log_batch";
    public const string LogMetricAction = "run.log_metric";
    public const string LogParamAction = "run.log_param";
    public const string SetTagAction = "run.tag.set";

    public async Task<Result<Unit>> HandleAsync(LogBatchCommand command, CancellationToken cancellationToken)
    {
        if (Validate(command) is { } error)
        {
            logger.BatchRefused(command.RunId, error.Field ?? error.Code);
            return error;
        }

        var tags = command.Tags.Reverse().DistinctBy(t => t.Key).Reverse().ToList();
        using var turn = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var scope = await RunRules.WritableAsync(db, command.RunId, cancellationToken);
        if (!scope.IsSuccess)
        {
            return scope.Error;
        }

        var runId = command.RunId!;
        if (command.Params.Count > 0 && await InsertParamsAsync(runId, command.Params, cancellationToken) is { } paramError)
        {
            await transaction.RollbackAsync(cancellationToken);
            logger.BatchRefused(runId, "a param was already logged with another value");
            return paramError;
        }

        await RunTags.UpsertAsync(db, runId, tags, cancellationToken);
        if (command.Metrics.Count > 0)
        {
            if (await CheckModelsAsync(command.Metrics, scope.Value.ExperimentId, cancellationToken) is { } modelError)
            {
                await transaction.RollbackAsync(cancellationToken);
                return modelError;
            }

            // Primary-key order, so that concurrent batches holding the same points cannot deadlock on PostgreSQL.
            var ordered = command.Metrics
                .OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Timestamp).ThenBy(m => m.Step).ThenBy(m => m.StoredValue)
                .ToList();
            await InsertMetricsAsync(runId, ordered, cancellationToken);
        }

        // One event per request, never per metric: counts and keys, no values (AuditRedaction).
        await audit.RecordAsync(
            TrackingAudit.Run(command.AuditAction, scope.Value, new()
            {
                ["metrics"] = command.Metrics.Count,
                ["params"] = command.Params.Count,
                ["tags"] = tags.Count,
                ["param_keys"] = command.Params.Count == 0 ? null : TrackingAudit.Keys(command.Params),
                ["tag_keys"] = tags.Count == 0 ? null : TrackingAudit.Keys(tags),
            }),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.BatchCommitted(command.Metrics.Count);
        logger.BatchLogged(runId, command.Metrics.Count, command.Params.Count, tags.Count);
        return Unit.Value;
    }

    private static Error? Validate(LogBatchCommand command)
    {
        if (TrackingValidation.RunId(command.RunId) is { } idError)
        {
            return idError;
        }

        if (command.Metrics.Count > TrackingLimits.BatchMetrics)
        {
            return Error.Invalid($"A batch logged {command.Metrics.Count} metrics; the limit is {TrackingLimits.BatchMetrics} per request. Split the batch.", "metrics");
        }

        if (command.Params.Count > TrackingLimits.BatchParams)
        {
            return Error.Invalid($"A batch logged {command.Params.Count} params; the limit is {TrackingLimits.BatchParams} per request. Split the batch.", "params");
        }

        if (command.Tags.Count > TrackingLimits.BatchTags)
        {
            return Error.Invalid($"A batch logged {command.Tags.Count} tags; the limit is {TrackingLimits.BatchTags} per request. Split the batch.", "tags");
        }

        var total = command.Metrics.Count + command.Params.Count + command.Tags.Count;
        if (total > TrackingLimits.BatchEntities)
        {
            return Error.Invalid($"A batch logged {total} metrics, params and tags in total; the limit is {TrackingLimits.BatchEntities} per request. Split the batch.");
        }

        // A batch repeats a few keys many times: check each distinct key once.
        var validKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in command.Metrics)
        {
            if (!validKeys.Contains(metric.Key))
            {
                if (TrackingValidation.Key(metric.Key, "key") is { } keyError)
                {
                    return keyError;
                }

                validKeys.Add(metric.Key);
            }

            if ((TrackingValidation.Value(metric.DatasetName ?? "", "dataset_name", TrackingLimits.DatasetNameLength)
                ?? TrackingValidation.Value(metric.DatasetDigest ?? "", "dataset_digest", TrackingLimits.DatasetDigestLength)
                ?? TrackingValidation.Value(metric.ModelId ?? "", "model_id", 34)) is { } datasetError)
            {
                return datasetError;
            }

            if (metric.Timestamp < 0)
            {
                return Error.Invalid($"Metric '{metric.Key}' has timestamp {metric.Timestamp}; timestamps are non-negative epoch milliseconds.", "timestamp");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var param in command.Params)
        {
            if ((TrackingValidation.Key(param.Key, "key") ?? TrackingValidation.Value(param.Value, "value", TrackingLimits.ParamValueLength)) is { } error)
            {
                return error;
            }

            if (!seen.Add(param.Key))
            {
                return Error.Invalid($"Duplicate parameter keys have been submitted: ['{param.Key}']. Send one value per key.", "params");
            }
        }

        foreach (var tag in command.Tags)
        {
            if ((TrackingValidation.Key(tag.Key, "key") ?? TrackingValidation.Value(tag.Value, "value", TrackingLimits.RunTagValueLength)) is { } error)
            {
                return error;
            }

            if (tag.Key == RunRules.RunNameTag && tag.Value.Length > TrackingLimits.RunNameLength)
            {
                return Error.Invalid($"The run name tag is {tag.Value.Length} characters; the limit is {TrackingLimits.RunNameLength}.", "value");
            }
        }

        return null;
    }

    /// <summary>Inserts new params; a key already logged with another value fails the whole batch.</summary>
    private async Task<Error?> InsertParamsAsync(string runId, IReadOnlyList<KeyValue> parameters, CancellationToken cancellationToken)
    {
        // Key order, so that concurrent batches wait on each other's rows in the same order and cannot deadlock.
        parameters = parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        await using var sql = await RawSql.CreateAsync(db, cancellationToken);
        var run = sql.Parameter(runId);
        sql.Append("INSERT INTO params (run_id, key, value) VALUES ");
        for (var i = 0; i < parameters.Count; i++)
        {
            sql.Append(i == 0 ? "(" : ", (").Append(run).Append(", ").Append(sql.Parameter(parameters[i].Key)).Append(", ").Append(sql.Parameter(parameters[i].Value)).Append(")");
        }

        sql.Append(" ON CONFLICT (run_id, key) DO NOTHING");
        await sql.ExecuteAsync(cancellationToken);

        var keys = parameters.Select(p => p.Key).ToList();
        var stored = await db.Params.AsNoTracking()
            .Where(p => p.RunId == runId && keys.Contains(p.Key))
            .ToDictionaryAsync(p => p.Key, p => p.Value, cancellationToken);
        foreach (var param in parameters)
        {
            if (stored.TryGetValue(param.Key, out var old) && old != param.Value)
            {
                return Error.Invalid(
                    $"Changing param values is not allowed. Param with key='{param.Key}' was already logged with value='{TrackingValidation.Shorten(old)}' for run ID='{runId}'. Attempted logging new value '{TrackingValidation.Shorten(param.Value)}'.",
                    "params");
            }
        }

        return null;
    }

    /// <summary>
    /// A metric's model_id names a logged model of the run's own experiment (MLflow 3 logs a run's models into its
    /// experiment). One query for all ids; a model elsewhere gets the unknown model's message, so the answer does not
    /// tell whether it exists.
    /// </summary>
    private async Task<Error?> CheckModelsAsync(IReadOnlyList<MetricValue> metrics, long experimentId, CancellationToken cancellationToken)
    {
        var modelIds = metrics.Where(m => m.ModelId is { Length: > 0 }).Select(m => m.ModelId!).Distinct().ToList();
        if (modelIds.Count == 0)
        {
            return null;
        }

        var known = await db.LoggedModels.Where(m => modelIds.Contains(m.Id) && m.ExperimentId == experimentId).Select(m => m.Id).ToListAsync(cancellationToken);
        var missing = modelIds.Except(known).FirstOrDefault();
        return missing is null ? null : Error.Invalid(RunRules.LoggedModelNotFound(missing), "model_id");
    }

    private async Task InsertMetricsAsync(string runId, IReadOnlyList<MetricValue> metrics, CancellationToken cancellationToken)
    {
        await rows.InsertAsync(
            db,
            "INSERT INTO metrics (run_id, key, value, is_nan, timestamp, step)",
            6,
            "ON CONFLICT DO NOTHING",
            metrics,
            (m, row) =>
            {
                row[0] = runId;
                row[1] = m.Key;
                row[2] = m.StoredValue;
                row[3] = m.IsNan;
                row[4] = m.Timestamp;
                row[5] = m.Step;
            },
            cancellationToken);

        await using var sql = await RawSql.CreateAsync(db, cancellationToken);
        await UpsertLatestAsync(sql, runId, metrics, cancellationToken);
        await InsertModelMetricsAsync(runId, metrics, cancellationToken);
    }

    /// <summary>Keeps one latest row per key: the batch's own latest point replaces the stored one only if it is later.</summary>
    private static async Task UpsertLatestAsync(RawSql sql, string runId, IReadOnlyList<MetricValue> metrics, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, MetricValue>(StringComparer.Ordinal);
        foreach (var m in metrics)
        {
            if (!latest.TryGetValue(m.Key, out var current) || IsLater(m, current))
            {
                latest[m.Key] = m;
            }
        }

        var run = sql.Parameter(runId);
        sql.Append("INSERT INTO latest_metrics (run_id, key, value, is_nan, timestamp, step) VALUES ");
        var first = true;
        foreach (var m in latest.Values.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            sql.Append(first ? "(" : ", (").Append(run)
                .Append(", ").Append(sql.Parameter(m.Key))
                .Append(", ").Append(sql.Parameter(m.StoredValue))
                .Append(", ").Append(sql.Parameter(m.IsNan))
                .Append(", ").Append(sql.Parameter(m.Timestamp))
                .Append(", ").Append(sql.Parameter(m.Step)).Append(")");
            first = false;
        }

        sql.Append("""
             ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value, is_nan = excluded.is_nan, timestamp = excluded.timestamp, step = excluded.step
             WHERE excluded.step > latest_metrics.step
                OR (excluded.step = latest_metrics.step AND excluded.timestamp > latest_metrics.timestamp)
                OR (excluded.step = latest_metrics.step AND excluded.timestamp = latest_metrics.timestamp AND excluded.value > latest_metrics.value)
            """);
        await sql.ExecuteAsync(cancellationToken);
    }

    private static bool IsLater(MetricValue a, MetricValue b) =>
        MetricValue.CompareLatest(a.Step, a.Timestamp, a.StoredValue, b.Step, b.Timestamp, b.StoredValue) > 0;

    /// <summary>Points logged with a model_id also become that logged model's metrics (MLflow 3).</summary>
    private async Task InsertModelMetricsAsync(string runId, IReadOnlyList<MetricValue> metrics, CancellationToken cancellationToken)
    {
        var withModel = metrics.Where(m => m.ModelId is { Length: > 0 }).ToList();
        await rows.InsertAsync(
            db,
            "INSERT INTO logged_model_metrics (model_id, run_id, key, value, is_nan, timestamp, step, dataset_name, dataset_digest)",
            9,
            "ON CONFLICT DO NOTHING",
            withModel,
            (m, row) =>
            {
                row[0] = m.ModelId;
                row[1] = runId;
                row[2] = m.Key;
                row[3] = m.StoredValue;
                row[4] = m.IsNan;
                row[5] = m.Timestamp;
                row[6] = m.Step;
                row[7] = m.DatasetName;
                row[8] = m.DatasetDigest;
            },
            cancellationToken);
    }
}
