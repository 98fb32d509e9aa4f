using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Serving.Telemetry;

/// <param name="Since">Inclusive; RFC 3339 (<c>2026-03-14T09:00:00Z</c>) or Unix milliseconds.</param>
/// <param name="Until">Exclusive; same forms.</param>
public sealed record PredictionQuery(
    long WorkspaceId, string Deployment, string? Since, string? Until, string? Route, string? Status, int? Limit, string? Cursor);

/// <summary>
/// A deployment's prediction records in one workspace, newest first (by admission time, then by insertion), filtered by
/// time, route and status. The cursor is the position of the last record returned, so pages stay stable while new
/// records arrive. A deployment without records (or none by that name) gives an empty page: records outlive the
/// deployment they came from.
/// </summary>
public sealed class ListPredictions(SlipwayDbContext db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static readonly string[] Statuses = ["ok", "rejected", "error"];

    public async Task<Result<(List<PredictionRecord> Items, string? NextCursor)>> HandleAsync(PredictionQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? DefaultLimit;
        if (limit is < 1 or > MaxLimit)
        {
            return Error.Invalid($"limit must be between 1 and {MaxLimit}, not {limit}.", "limit");
        }

        if (query.Status is { Length: > 0 } status && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return Error.Invalid($"status must be one of {string.Join(", ", Statuses)}, not '{status}'.", "status");
        }

        var records = db.PredictionRecords.AsNoTracking().Where(r => r.WorkspaceId == query.WorkspaceId && r.Deployment == query.Deployment);
        if (!string.IsNullOrEmpty(query.Since))
        {
            if (ParseTime(query.Since) is not { } since)
            {
                return Error.Invalid($"since must be an RFC 3339 time such as 2026-03-14T09:00:00Z or Unix milliseconds, not '{query.Since}'.", "since");
            }

            records = records.Where(r => r.Timestamp >= since);
        }

        if (!string.IsNullOrEmpty(query.Until))
        {
            if (ParseTime(query.Until) is not { } until)
            {
                return Error.Invalid($"until must be an RFC 3339 time such as 2026-03-14T10:00:00Z or Unix milliseconds, not '{query.Until}'.", "until");
            }

            records = records.Where(r => r.Timestamp < until);
        }

        if (!string.IsNullOrEmpty(query.Route))
        {
            records = records.Where(r => r.RouteId == query.Route);
        }

        if (!string.IsNullOrEmpty(query.Status))
        {
            records = records.Where(r => r.Status == query.Status);
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (ParseCursor(query.Cursor) is not var (timestamp, id))
            {
                return Error.Invalid("Invalid cursor: pass back the next_cursor of the previous page.", "cursor");
            }

            records = records.Where(r => r.Timestamp < timestamp || (r.Timestamp == timestamp && r.Id < id));
        }

        var page = await records.OrderByDescending(r => r.Timestamp).ThenByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            var last = page[^1];
            next = string.Create(CultureInfo.InvariantCulture, $"{last.Timestamp}.{last.Id}");
        }

        return (page, next);
    }

    private static long? ParseTime(string value)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return milliseconds;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds()
            : null;
    }

    private static (long Timestamp, long Id)? ParseCursor(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
               && long.TryParse(cursor.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp)
               && long.TryParse(cursor.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (timestamp, id)
            : null;
    }
}
