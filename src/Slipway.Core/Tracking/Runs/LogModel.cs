using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

/// <summary>
/// MLflow 2.x <c>runs/log-model</c>: validates the model JSON and appends it to the run's
/// <c>mlflow.log-model.history</c> tag (a JSON array).
/// </summary>
public sealed class LogModel(SlipwayDbContext db, AuditLog audit)
{
    private static readonly string[] RequiredFields = ["artifact_path", "flavors", "utc_time_created", "run_id"];

    public async Task<Result<Unit>> HandleAsync(string? runId, string? modelJson, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(modelJson))
        {
            return Error.MissingField("model_json");
        }

        JsonObject model;
        try
        {
            model = JsonNode.Parse(modelJson) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return Error.Invalid("model_json must be a JSON object describing the model (MLmodel as JSON).", "model_json");
        }

        if (RequiredFields.FirstOrDefault(f => model[f] is null) is { } missing)
        {
            return Error.Invalid($"Model json is missing mandatory fields: ['{missing}'].", "model_json");
        }

        if (model["flavors"] is not JsonObject)
        {
            return Error.Invalid("model_json 'flavors' must be an object.", "model_json");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var scope = await RunRules.WritableAsync(db, runId, cancellationToken);
        if (!scope.IsSuccess)
        {
            return scope.Error;
        }

        var tag = await db.Tags.FirstOrDefaultAsync(t => t.RunId == runId && t.Key == RunRules.LogModelHistoryTag, cancellationToken);
        var history = ParseHistory(tag?.Value);
        // MLflow keeps a summary without the signature and input example, which can be large.
        var summary = (JsonObject)model.DeepClone();
        summary.Remove("signature");
        summary.Remove("saved_input_example_info");
        history.Add(summary);
        var value = history.ToJsonString();
        if (value.Length > TrackingLimits.RunTagValueLength)
        {
            return Error.Invalid($"The model history of run {runId} would exceed {TrackingLimits.RunTagValueLength} characters.", "model_json");
        }

        await RunTags.UpsertAsync(db, runId!, [new KeyValue(RunRules.LogModelHistoryTag, value)], cancellationToken);
        await audit.RecordAsync(
            TrackingAudit.Run("run.log_model", scope.Value, new() { ["artifact_path"] = model["artifact_path"]?.DeepClone(), ["flavors"] = AuditRedaction.Keys(((JsonObject)model["flavors"]!).Select(f => f.Key)) }),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }

    /// <summary>The tag is writable by set-tag too, so anything but a JSON array starts a new history.</summary>
    private static JsonArray ParseHistory(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(value) as JsonArray ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
