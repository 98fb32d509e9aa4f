using Microsoft.EntityFrameworkCore;
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

        var stage = await db.Runs.Where(r => r.Id == runId).Select(r => r.LifecycleStage).FirstOrDefaultAsync(cancellationToken);
        return stage switch
        {
            null => NotFound(runId!),
            LifecycleStage.Active => null,
            _ => Error.Invalid($"The run {runId} must be in the 'active' state to be changed; it is '{stage}'. Restore it first.", "run_id"),
        };
    }
}
