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

    /// <summary>Writes need an existing (404) and active (400) run; finished runs still accept writes.</summary>
    public static async Task<Error?> CheckWritableAsync(SlipwayDbContext db, string? runId, CancellationToken cancellationToken)
    {
        if (TrackingValidation.RunId(runId) is { } idError)
        {
            return idError;
        }

        // Plain SQL: this runs before every write, and EF's query pipeline costs more than the lookup on the hot path.
        string? stage = null;
        await using (var sql = await RawSql.CreateAsync(db, cancellationToken))
        {
            sql.Append("SELECT lifecycle_stage FROM runs WHERE id = ").Append(sql.Parameter(runId));
            await using var reader = await sql.ReadAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                stage = reader.GetString(0);
            }
        }

        return stage switch
        {
            null => NotFound(runId!),
            LifecycleStage.Active => null,
            _ => Error.Invalid($"The run {runId} must be in the 'active' state to be changed; it is '{stage}'. Restore it first.", "run_id"),
        };
    }
}
