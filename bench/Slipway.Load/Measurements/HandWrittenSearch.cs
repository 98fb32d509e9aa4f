using System.Data.Common;

namespace Slipway.Load.Measurements;

/// <summary>
/// The search baseline: the same filter as one hand-written SQL query straight against the database, then the
/// matching runs' params, tags and latest metrics, each with one query over the same selection, read into objects.
/// What any server must at least do to answer the search.
/// </summary>
internal static class HandWrittenSearch
{
    private const string Matching = """
        SELECT r.id FROM runs r
        JOIN latest_metrics m ON m.run_id = r.id AND m.key = @metric
        JOIN params p ON p.run_id = r.id AND p.key = @param
        WHERE r.experiment_id = @experiment AND r.lifecycle_stage = 'active'
          AND NOT m.is_nan AND m.value > @threshold AND p.value = @kind
        ORDER BY r.start_time DESC, r.id
        LIMIT @limit
        """;

    private const string RunsQuery =
        "SELECT r.id, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time, r.lifecycle_stage, r.artifact_uri " +
        "FROM runs r WHERE r.id IN (" + Matching + ") ORDER BY r.start_time DESC, r.id";

    private const string ParamsQuery = "SELECT c.run_id, c.key, c.value FROM params c WHERE c.run_id IN (" + Matching + ")";

    private const string TagsQuery = "SELECT c.run_id, c.key, c.value FROM tags c WHERE c.run_id IN (" + Matching + ")";

    private const string MetricsQuery =
        "SELECT c.run_id, c.key, c.value, c.is_nan, c.timestamp, c.step FROM latest_metrics c WHERE c.run_id IN (" + Matching + ")";

    /// <summary>Loads the first <paramref name="limit"/> matching runs whole; returns how many matched.</summary>
    public static async Task<int> RunAsync(DbConnection connection, long experimentId, long limit, CancellationToken cancellationToken)
    {
        var runs = new Dictionary<string, RunRow>(StringComparer.Ordinal);
        var order = new List<RunRow>();
        await QueryAsync(connection, RunsQuery, experimentId, limit, reader =>
        {
            var run = new RunRow(
                reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetString(7), reader.GetString(8));
            runs.Add(run.Id, run);
            order.Add(run);
        }, cancellationToken);
        await QueryAsync(connection, ParamsQuery, experimentId, limit,
            reader => runs[reader.GetString(0)].Params.Add(new(reader.GetString(1), reader.GetString(2))), cancellationToken);
        await QueryAsync(connection, TagsQuery, experimentId, limit,
            reader => runs[reader.GetString(0)].Tags.Add(new(reader.GetString(1), reader.GetString(2))), cancellationToken);
        await QueryAsync(connection, MetricsQuery, experimentId, limit, reader => runs[reader.GetString(0)].Metrics.Add(
            new MetricRow(reader.GetString(1), reader.GetDouble(2), reader.GetBoolean(3), reader.GetInt64(4), reader.GetInt64(5))), cancellationToken);
        return order.Count;
    }

    private static async Task QueryAsync(DbConnection connection, string sql, long experimentId, long limit, Action<DbDataReader> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "metric", "acc");
        Add(command, "param", "kind");
        Add(command, "experiment", experimentId);
        Add(command, "threshold", 0.5);
        Add(command, "kind", "a");
        Add(command, "limit", limit);
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
