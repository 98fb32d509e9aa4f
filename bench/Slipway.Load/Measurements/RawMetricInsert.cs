using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Slipway.Load.Hosting;

namespace Slipway.Load.Measurements;

/// <summary>
/// The raw insert limit: the same points written straight into the server's <c>metrics</c> table over ADO.NET, one
/// transaction per 1,000-point batch, with a prepared parameterized statement. No HTTP, JSON, validation or
/// latest-metric upkeep: what the database itself sustains.
/// </summary>
internal static class RawMetricInsert
{
    private const string Columns = "INSERT INTO metrics (run_id, key, value, is_nan, timestamp, step) VALUES ";

    /// <summary>
    /// Runs one connection per run id. <paramref name="rowsPerStatement"/> is 1 for a single-row INSERT executed
    /// 1,000 times per transaction, or 1,000 for one multi-row INSERT per transaction.
    /// </summary>
    public static async Task<Throughput> MeasureAsync(
        BenchDatabase database,
        ServerSite site,
        IReadOnlyList<string> runIds,
        int rowsPerStatement,
        int maxBatches,
        TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var connections = new List<DbConnection>();
        try
        {
            foreach (var _ in runIds)
            {
                connections.Add(await database.OpenAsync(site, cancellationToken));
            }

            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var sent = await Task.WhenAll(runIds.Select((runId, i) =>
                Task.Run(() => WriterAsync(connections[i], runId, rowsPerStatement, maxBatches, clock, duration, cancellationToken), cancellationToken)));
            var elapsed = clock.Elapsed;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
            // The database may be this process (SQLite) or another (PostgreSQL): all CPU seen here is the client's.
            return new Throughput(sent.Sum(s => (long)s) * MetricBatches.PointsPerBatch, elapsed, TimeSpan.Zero, cpu);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<int> WriterAsync(
        DbConnection connection, string runId, int rowsPerStatement, int maxBatches, Stopwatch clock, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = InsertText(rowsPerStatement);
        var parameters = new DbParameter[rowsPerStatement * 6];
        for (var p = 0; p < parameters.Length; p++)
        {
            parameters[p] = command.CreateParameter();
            parameters[p].ParameterName = "p" + p;
            command.Parameters.Add(parameters[p]);
        }

        var sent = 0;
        var prepared = false;
        while (sent < maxBatches && clock.Elapsed < duration)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            command.Transaction = transaction;
            for (var i = 0; i < MetricBatches.PointsPerBatch; i += rowsPerStatement)
            {
                for (var row = 0; row < rowsPerStatement; row++)
                {
                    var index = i + row;
                    var step = MetricBatches.Step(sent, index);
                    var p = row * 6;
                    parameters[p].Value = runId;
                    parameters[p + 1].Value = MetricBatches.Key(index);
                    parameters[p + 2].Value = MetricBatches.Value(sent, index);
                    parameters[p + 3].Value = false;
                    parameters[p + 4].Value = MetricBatches.BaseTimestamp + step;
                    parameters[p + 5].Value = step;
                }

                if (!prepared)
                {
                    // After the first values are set, so Npgsql knows the parameter types.
                    await command.PrepareAsync(cancellationToken);
                    prepared = true;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            sent++;
        }

        return sent;
    }

    private static string InsertText(int rows)
    {
        var text = new StringBuilder(Columns);
        for (var row = 0; row < rows; row++)
        {
            var p = row * 6;
            text.Append(row == 0 ? "(" : ", (")
                .Append($"@p{p}, @p{p + 1}, @p{p + 2}, @p{p + 3}, @p{p + 4}, @p{p + 5}")
                .Append(')');
        }

        return text.ToString();
    }
}
