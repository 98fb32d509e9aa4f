using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>
/// Claims due deliveries for one worker in one statement. On PostgreSQL the rows are picked with
/// <c>FOR UPDATE SKIP LOCKED</c>, so replicas claiming at the same moment take disjoint rows; on SQLite the single
/// UPDATE runs under the database's one write lock. A claim lasts until <c>claimed_until</c>; a replica that dies
/// mid-send leaves it to expire, and another replica then takes the delivery over.
/// </summary>
internal static class DeliveryClaims
{
    public static async Task<List<string>> ClaimAsync(
        SlipwayDbContext db, bool postgres, string worker, long now, long claimedUntil, int limit, CancellationToken cancellationToken)
    {
        await using var sql = await RawSql.CreateAsync(db, cancellationToken);
        var workerParameter = sql.Parameter(worker);
        var untilParameter = sql.Parameter(claimedUntil);
        var pendingParameter = sql.Parameter(DeliveryStatus.Pending);
        var nowParameter = sql.Parameter(now);
        var limitParameter = sql.Parameter(limit);
        sql.Append($"UPDATE webhook_deliveries SET claimed_by = {workerParameter}, claimed_until = {untilParameter} WHERE id IN (")
            .Append($"SELECT id FROM webhook_deliveries WHERE status = {pendingParameter} AND next_attempt_at <= {nowParameter} ")
            .Append($"AND (claimed_until IS NULL OR claimed_until < {nowParameter}) ORDER BY next_attempt_at LIMIT {limitParameter}")
            .Append(postgres ? " FOR UPDATE SKIP LOCKED" : "")
            .Append(") RETURNING id");
        var ids = new List<string>();
        await using var reader = await sql.ReadAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
