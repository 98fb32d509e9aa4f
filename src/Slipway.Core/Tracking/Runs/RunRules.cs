using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

internal static class RunRules
{
    public const string RunNameTag = "mlflow.runName";
    public const string ParentRunTag = "mlflow.parentRunId";
    public const string UserTag = "mlflow.user";
    public const string LogModelHistoryTag = "mlflow.log-model.history";

    public static Error NotFound(string runId) => Error.NotFound($"Run with id={runId} not found.");

    /// <summary>
    /// A run links metrics, inputs and outputs to logged models of its own experiment only. One message for a model
    /// that does not exist and one in another experiment, so the answer does not tell which.
    /// </summary>
    public static string LoggedModelNotFound(string modelId) => $"Logged model with id={modelId} not found in the run's experiment.";

    /// <summary>
    /// Writes need an existing (404) and active (400) run; finished runs still accept writes. Answers the run's name,
    /// experiment and workspace, which its audit event names.
    /// </summary>
    public static async Task<Result<RunScope>> WritableAsync(SlipwayDbContext db, string? runId, CancellationToken cancellationToken)
    {
        if (TrackingValidation.RunId(runId) is { } idError)
        {
            return idError;
        }

        // Plain SQL: this runs before every write, and EF's query pipeline costs more than the lookup on the hot path.
        string? stage = null;
        RunScope? scope = null;
        await using (var sql = await RawSql.CreateAsync(db, cancellationToken))
        {
            sql.Append("SELECT r.lifecycle_stage, r.name, r.experiment_id, e.workspace_id FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE r.id = ")
                .Append(sql.Parameter(runId));
            await using var reader = await sql.ReadAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                stage = reader.GetString(0);
                scope = new RunScope(runId!, reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        return stage switch
        {
            null => NotFound(runId!),
            LifecycleStage.Active => scope!,
            _ => Error.Invalid($"The run {runId} must be in the 'active' state to be changed; it is '{stage}'. Restore it first.", "run_id"),
        };
    }
}
