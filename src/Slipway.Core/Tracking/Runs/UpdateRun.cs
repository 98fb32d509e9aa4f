using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

public sealed record UpdateRunCommand(string? RunId, string? Status, long? EndTime, string? RunName);

/// <summary>Changes a run's status, end time or name (which also rewrites the <c>mlflow.runName</c> tag).</summary>
public sealed class UpdateRun(SlipwayDbContext db, AuditLog audit)
{
    public async Task<Result<Run>> HandleAsync(UpdateRunCommand command, CancellationToken cancellationToken)
    {
        var scope = await RunRules.WritableAsync(db, command.RunId, cancellationToken);
        if (!scope.IsSuccess)
        {
            return scope.Error;
        }

        string? status = null;
        if (!string.IsNullOrEmpty(command.Status) && (status = RunStatus.Parse(command.Status)) is null)
        {
            return Error.Invalid($"Invalid status '{command.Status}': use RUNNING, SCHEDULED, FINISHED, FAILED or KILLED.", "status");
        }

        if (command.RunName is { Length: > TrackingLimits.RunNameLength })
        {
            return Error.Invalid($"run_name is {command.RunName.Length} characters; the limit is {TrackingLimits.RunNameLength}.", "run_name");
        }

        if (command.EndTime is < 0)
        {
            return Error.Invalid("end_time must be a non-negative epoch time in milliseconds.", "end_time");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Runs.FirstAsync(r => r.Id == command.RunId, cancellationToken);
        var before = new System.Text.Json.Nodes.JsonObject { ["name"] = run.Name, ["status"] = run.Status, ["end_time"] = run.EndTime };
        run.Status = status ?? run.Status;
        run.EndTime = command.EndTime ?? run.EndTime;
        if (command.RunName is { Length: > 0 } name)
        {
            run.Name = name;
            await RunTags.UpsertAsync(db, run.Id, [new KeyValue(RunRules.RunNameTag, name)], cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(
            TrackingAudit.Run("run.update", scope.Value with { Name = run.Name },
                TrackingAudit.BeforeAfter(before, new() { ["name"] = run.Name, ["status"] = run.Status, ["end_time"] = run.EndTime })),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }
}
