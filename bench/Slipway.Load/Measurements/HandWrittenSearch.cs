using System.Data.Common;
using Slipway.Load.Hosting;

namespace Slipway.Load.Measurements;

/// <summary>
/// The search baseline, written by hand straight against the database: one query selects the matching runs in
/// order (the filter as EXISTS conditions, which lets both databases walk the runs index by start time and stop at
/// the limit), then one query per child table loads their params, tags and latest metrics by the id list, all read
/// into objects. What any server must at least do to answer the search.
/// </summary>
internal static class HandWrittenSearch
{
    private const string RunsQuery = """
        SELECT r.id, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time, r.lifecycle_stage, r.artifact_uri
        FROM runs r
        WHERE r.experiment_id = @experiment AND r.lifecycle_stage = 'active'
          AND EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_id = r.id AND m.key = @metric AND NOT m.is_nan AND m.value > @threshold)
          AND EXISTS (SELECT 1 FROM params p WHERE p.run_id = r.id AND p.key = @param AND p.value = @kind)
        ORDER BY r.start_time DESC, r.id
        LIMIT @limit
        """;

    /// <summary>Loads the first <paramref name="limit"/> matching runs whole; returns how many matched.</summary>
    public static async Task<int> RunAsync(BenchDatabase database, DbConnection connection, long experimentId, long limit, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, RunRow>(StringComparer.Ordinal);
        var order = new List<RunRow>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = RunsQuery;
            Add(command, "experiment", experimentId);
            Add(command, "metric", "acc");
            Add(command, "threshold", 0.5);
            Add(command, "param", "kind");
            Add(command, "kind", "a");
            Add(command, "limit", limit);
            await ReadAsync(command, reader =>
            {
                var run = new RunRow(
                    reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetString(7), reader.GetString(8));
                runs.Add(run.Id, run);
                order.Add(run);
            }, cancellationToken);
        }

        if (order.Count == 0)
        {
            return 0;
        }

        var ids = database.IdList(order.Select(r => r.Id).ToList());
        await ChildrenAsync(connection, $"SELECT c.run_id, c.key, c.value FROM params c WHERE {database.InIdList("c.run_id")}", ids,
            reader => runs[reader.GetString(0)].Params.Add(new(reader.GetString(1), reader.GetString(2))), cancellationToken);
        await ChildrenAsync(connection, $"SELECT c.run_id, c.key, c.value FROM tags c WHERE {database.InIdList("c.run_id")}", ids,
            reader => runs[reader.GetString(0)].Tags.Add(new(reader.GetString(1), reader.GetString(2))), cancellationToken);
        await ChildrenAsync(connection, $"SELECT c.run_id, c.key, c.value, c.is_nan, c.timestamp, c.step FROM latest_metrics c WHERE {database.InIdList("c.run_id")}", ids,
            reader => runs[reader.GetString(0)].Metrics.Add(new MetricRow(reader.GetString(1), reader.GetDouble(2), reader.GetBoolean(3), reader.GetInt64(4), reader.GetInt64(5))),
            cancellationToken);
        return order.Count;
    }

    private static async Task ChildrenAsync(DbConnection connection, string sql, object ids, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "ids", ids);
        await ReadAsync(command, read, cancellationToken);
    }

    private static async Task ReadAsync(DbCommand command, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed record RunRow(string Id, long ExperimentId, string Name, string? UserId, string Status, long StartTime, long? EndTime, string LifecycleStage, string ArtifactUri)
    {
        public List<KeyValuePair<string, string>> Params { get; } = [];

        public List<KeyValuePair<string, string>> Tags { get; } = [];

        public List<MetricRow> Metrics { get; } = [];
    }

    private sealed record MetricRow(string Key, double Value, bool IsNan, long Timestamp, long Step);
}
