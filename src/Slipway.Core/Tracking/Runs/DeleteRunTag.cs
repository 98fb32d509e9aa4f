using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Tracking.Runs;

public sealed class DeleteRunTag(SlipwayDbContext db)
{
    public async Task<Result<Unit>> HandleAsync(string? runId, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return Error.MissingField("key");
        }

        if (await RunRules.CheckWritableAsync(db, runId, cancellationToken) is { } error)
        {
            return error;
        }

        var deleted = await db.Tags.Where(t => t.RunId == runId && t.Key == key).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Error.NotFound($"No tag with name: {key} in run with id {runId}") : Unit.Value;
    }
}
