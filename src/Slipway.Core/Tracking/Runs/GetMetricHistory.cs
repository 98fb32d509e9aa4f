using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking.Search;

namespace Slipway.Core.Tracking.Runs;

public sealed record MetricHistoryPage(IReadOnlyList<MetricPoint> Points, string? NextPageToken);

/// <summary>
/// A metric's history ordered by timestamp, step and value. Without <c>max_results</c> the whole history comes
/// back in one reply (mlflow-rest.md §7: MLflow 3.4–3.6 returns nothing there, which breaks clients).
/// </summary>
public sealed class GetMetricHistory(SlipwayDbContext db)
{
    public async Task<Result<MetricHistoryPage>> HandleAsync(string? runId, string? key, int? maxResults, string? pageToken, CancellationToken cancellationToken)
    {
        if (TrackingValidation.RunId(runId) is { } idError)
        {
            return idError;
        }

        if (string.IsNullOrEmpty(key))
        {
            return Error.MissingField("metric_key");
        }

        if (maxResults is <= 0)
        {
            return Error.Invalid($"max_results must be a positive integer, not {maxResults}.", "max_results");
        }

        if (!await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken))
        {
            return RunRules.NotFound(runId!);
        }

        var queryHash = PageToken.Fingerprint("metric-history", runId!, key);
        var decoded = PageToken.Decode(pageToken, queryHash);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var offset = (int)Math.Min(decoded.Value, int.MaxValue);

        IQueryable<MetricPoint> query = db.Metrics.AsNoTracking()
            .Where(m => m.RunId == runId && m.Key == key)
            .OrderBy(m => m.Timestamp).ThenBy(m => m.Step).ThenBy(m => m.IsNan).ThenBy(m => m.Value)
            .Skip(offset);
        if (maxResults is { } max)
        {
            query = query.Take(max == int.MaxValue ? max : max + 1);
        }

        var points = await query.ToListAsync(cancellationToken);
        string? next = null;
        if (maxResults is { } limit && points.Count > limit)
        {
            points.RemoveAt(points.Count - 1);
            next = PageToken.Encode(offset + limit, queryHash);
        }

        return new MetricHistoryPage(points, next);
    }
}
