using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.LoggedModels;

/// <summary>
/// The changes to a logged model after it is created: finalize (READY or UPLOAD_FAILED), soft delete, tags and
/// params. Each bumps <c>last_updated_timestamp</c>. A deleted or unknown model is a 404.
/// </summary>
public sealed class UpdateLoggedModel(SlipwayDbContext db, AuditLog audit, LoggedModelLoader loader, TimeProvider time)
{
    public async Task<Result<LoggedModelView>> FinalizeAsync(string modelId, string? status, CancellationToken cancellationToken)
    {
        var parsed = LoggedModelStatus.Parse(status);
        if (parsed is not (LoggedModelStatus.Ready or LoggedModelStatus.UploadFailed))
        {
            return Error.Invalid($"Invalid status '{status}': finalize with LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.", "status");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var model = await FindAsync(modelId, cancellationToken);
        if (model is null)
        {
            return NotFound(modelId);
        }

        var before = model.Status;
        model.Status = parsed;
        model.LastUpdatedTimestamp = Now();
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync("finalize", model, TrackingAudit.BeforeAfter(new() { ["status"] = before }, new() { ["status"] = parsed }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await loader.LoadAsync([modelId], cancellationToken))[0];
    }

    public async Task<Result<Unit>> DeleteAsync(string modelId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var model = await FindAsync(modelId, cancellationToken);
        if (model is null)
        {
            return NotFound(modelId);
        }

        model.LifecycleStage = LifecycleStage.Deleted;
        model.LastUpdatedTimestamp = Now();
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync("delete", model, TrackingAudit.BeforeAfter(new() { ["lifecycle_stage"] = LifecycleStage.Active }, new() { ["lifecycle_stage"] = LifecycleStage.Deleted }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Result<Unit>> SetTagsAsync(string modelId, IReadOnlyList<KeyValue> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags)
        {
            if ((TrackingValidation.Key(tag.Key, "key") ?? TrackingValidation.Value(tag.Value, "value", TrackingLimits.RunTagValueLength)) is { } error)
            {
                return error;
            }
        }

        return await ConflictRetry.RunAsync(db, ct => WriteTagsAsync(modelId, tags, ct), cancellationToken);
    }

    private async Task<Result<Unit>> WriteTagsAsync(string modelId, IReadOnlyList<KeyValue> tags, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var model = await FindAsync(modelId, cancellationToken);
        if (model is null)
        {
            return NotFound(modelId);
        }

        var keys = tags.Select(t => t.Key).ToList();
        var existing = await db.LoggedModelTags.Where(t => t.ModelId == modelId && keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, cancellationToken);
        foreach (var tag in tags.Reverse().DistinctBy(t => t.Key))
        {
            if (existing.TryGetValue(tag.Key, out var row))
            {
                row.Value = tag.Value;
            }
            else
            {
                db.LoggedModelTags.Add(new LoggedModelTag { ModelId = modelId, Key = tag.Key, Value = tag.Value });
            }
        }

        model.LastUpdatedTimestamp = Now();
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync("tag.set", model, new() { ["tag_keys"] = TrackingAudit.Keys(tags) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Result<Unit>> DeleteTagAsync(string modelId, string tagKey, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var model = await FindAsync(modelId, cancellationToken);
        if (model is null)
        {
            return NotFound(modelId);
        }

        var deleted = await db.LoggedModelTags.Where(t => t.ModelId == modelId && t.Key == tagKey).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Error.NotFound($"No tag with key '{tagKey}' on logged model {modelId}.");
        }

        await RecordAsync("tag.delete", model, new() { ["key"] = tagKey }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Result<Unit>> LogParamsAsync(string modelId, IReadOnlyList<KeyValue> parameters, CancellationToken cancellationToken)
    {
        foreach (var p in parameters)
        {
            if ((TrackingValidation.Key(p.Key, "key") ?? TrackingValidation.Value(p.Value, "value", TrackingLimits.ParamValueLength)) is { } error)
            {
                return error;
            }
        }

        return await ConflictRetry.RunAsync(db, ct => WriteParamsAsync(modelId, parameters, ct), cancellationToken);
    }

    private async Task<Result<Unit>> WriteParamsAsync(string modelId, IReadOnlyList<KeyValue> parameters, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var model = await FindAsync(modelId, cancellationToken);
        if (model is null)
        {
            return NotFound(modelId);
        }

        var keys = parameters.Select(p => p.Key).ToList();
        var existing = await db.LoggedModelParams.Where(p => p.ModelId == modelId && keys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, p => p.Value, cancellationToken);
        foreach (var p in parameters.DistinctBy(p => p.Key))
        {
            if (existing.TryGetValue(p.Key, out var old))
            {
                if (old != p.Value)
                {
                    return Error.Invalid($"Changing param values is not allowed. Param with key='{p.Key}' was already logged with value='{TrackingValidation.Shorten(old)}' for model '{modelId}'.", "params");
                }

                continue;
            }

            db.LoggedModelParams.Add(new LoggedModelParam { ModelId = modelId, Key = p.Key, Value = p.Value });
        }

        model.LastUpdatedTimestamp = Now();
        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync("log_params", model, new() { ["param_keys"] = TrackingAudit.Keys(parameters) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task RecordAsync(string verb, LoggedModel model, JsonObject changes, CancellationToken cancellationToken)
    {
        var workspaceId = await db.Experiments.Where(e => e.Id == model.ExperimentId).Select(e => e.WorkspaceId).FirstAsync(cancellationToken);
        await audit.RecordAsync(TrackingAudit.LoggedModel(verb, model.Id, model.Name, model.ExperimentId, workspaceId, changes), cancellationToken);
    }

    private Task<LoggedModel?> FindAsync(string modelId, CancellationToken cancellationToken) =>
        db.LoggedModels.FirstOrDefaultAsync(m => m.Id == modelId && m.LifecycleStage == LifecycleStage.Active, cancellationToken);

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    internal static Error NotFound(string modelId) => Error.NotFound($"Logged model with id={modelId} not found.");
}
