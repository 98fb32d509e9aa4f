using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Tracking.Runs;

/// <summary>Upserts run tags in one statement; writing <c>mlflow.runName</c> renames the run.</summary>
internal static class RunTags
{
    public static async Task UpsertAsync(SlipwayDbContext db, string runId, IReadOnlyList<KeyValue> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return;
        }

        // Rows in key order, so that concurrent upserts lock them in the same order and cannot deadlock.
        tags = tags.OrderBy(t => t.Key, StringComparer.Ordinal).ToList();

        await using var sql = await RawSql.CreateAsync(db, cancellationToken);
        var run = sql.Parameter(runId);
        sql.Append("INSERT INTO tags (run_id, key, value) VALUES ");
        for (var i = 0; i < tags.Count; i++)
        {
            sql.Append(i == 0 ? "(" : ", (").Append(run).Append(", ").Append(sql.Parameter(tags[i].Key)).Append(", ").Append(sql.Parameter(tags[i].Value)).Append(")");
        }

        sql.Append(" ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value");
        await sql.ExecuteAsync(cancellationToken);

        if (tags.LastOrDefault(t => t.Key == RunRules.RunNameTag) is { } name)
        {
            sql.Append("UPDATE runs SET name = ").Append(sql.Parameter(name.Value)).Append(" WHERE id = ").Append(sql.Parameter(runId));
            await sql.ExecuteAsync(cancellationToken);
        }
    }
}
