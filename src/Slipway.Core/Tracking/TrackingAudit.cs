using System.Globalization;
using System.Text.Json.Nodes;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Tracking.Runs;

namespace Slipway.Core.Tracking;

/// <summary>
/// The audit events of tracking changes (<c>experiment.create</c>, <c>run.log_batch</c>, …), one per request.
/// Following the PII rule of <see cref="AuditRedaction"/>, tags and params appear as keys only; metric values
/// never appear, a batch records counts.
/// </summary>
internal static class TrackingAudit
{
    public static AuditEntry Experiment(string verb, long id, string name, long workspaceId, JsonObject? changes = null) => new("experiment." + verb)
    {
        Resource = new JsonObject
        {
            ["type"] = "experiment",
            ["id"] = Text(id),
            ["name"] = name,
            ["workspace"] = Text(workspaceId),
        },
        Changes = changes,
    };

    public static AuditEntry Run(string action, RunScope run, JsonObject? changes = null) => new(action)
    {
        Resource = new JsonObject
        {
            ["type"] = "run",
            ["id"] = run.RunId,
            ["name"] = run.Name,
            ["workspace"] = Text(run.WorkspaceId),
            ["experiment_id"] = Text(run.ExperimentId),
        },
        Changes = changes,
    };

    public static AuditEntry LoggedModel(string verb, string id, string name, long experimentId, long workspaceId, JsonObject? changes = null) => new("logged_model." + verb)
    {
        Resource = new JsonObject
        {
            ["type"] = "logged_model",
            ["id"] = id,
            ["name"] = name,
            ["workspace"] = Text(workspaceId),
            ["experiment_id"] = Text(experimentId),
        },
        Changes = changes,
    };

    public static JsonObject After(JsonObject after) => new() { ["after"] = after };

    public static JsonObject BeforeAfter(JsonObject before, JsonObject after) => new() { ["before"] = before, ["after"] = after };

    public static JsonArray Keys(IEnumerable<KeyValue> pairs) => AuditRedaction.Keys(pairs.Select(p => p.Key));

    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
