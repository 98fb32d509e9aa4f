using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

public sealed class DeleteRunTag(SlipwayDbContext db, AuditLog audit)
{
    public async Task<Result<Unit>> HandleAsync(string? runId, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Error.MissingField("key");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var scope = await RunRules.WritableAsync(db, runId, cancellationToken);
        if (!scope.IsSuccess)
        {
            return scope.Error;
        }

        var deleted = await db.Tags.Where(t => t.RunId == runId && t.Key == key).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Error.NotFound($"No tag with name: {key} in run with id {runId}");
        }

        await audit.RecordAsync(TrackingAudit.Run("run.tag.delete", scope.Value, new() { ["key"] = key }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
