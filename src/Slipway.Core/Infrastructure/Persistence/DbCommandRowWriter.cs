using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>
/// Inserts many rows through ADO.NET commands, the fastest way the provider allows. A provider that batches commands over the network (Npgsql, the one such provider Slipway runs
/// on) gets prepared multi-row VALUES statements with positional parameters, one round trip per 1,000 rows. An in-process provider without command batching (SQLite) gets one prepared
/// single-row statement reused for every row: there is no round trip to save, and binding thousands of named
/// parameters to one statement costs more than the insert itself (Microsoft.Data.Sqlite looks each name up).
/// </summary>
public sealed class DbCommandRowWriter : IRowWriter
{
    private const int RowsPerStatement = 1000;

    public async Task InsertAsync<T>(
        SlipwayDbContext db,
        string insert,
        int columnCount,
        string onConflict,
        IReadOnlyList<T> rows,
        Action<T, object?[]> values,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var row = new object?[columnCount];
        if (connection.CanCreateBatch)
        {
            await InsertMultiRowAsync(command, insert, columnCount, onConflict, rows, values, row, cancellationToken);
            return;
        }

        command.CommandText = $"{insert} VALUES ({string.Join(", ", Enumerable.Range(0, columnCount).Select(Name))}) {onConflict}";
        for (var c = 0; c < columnCount; c++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Name(c);
            command.Parameters.Add(parameter);
        }

        await command.PrepareAsync(cancellationToken);
        foreach (var item in rows)
        {
            values(item, row);
            for (var c = 0; c < columnCount; c++)
            {
                command.Parameters[c].Value = row[c] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Multi-row statements with positional parameters (<c>$1</c>, <c>$2</c>, …, which Npgsql passes through untouched
    /// instead of rewriting thousands of names), prepared, so that PostgreSQL plans the 1,000-row shape once per
    /// connection and reuses it.
    /// </summary>
    private static async Task InsertMultiRowAsync<T>(
        DbCommand command, string insert, int columnCount, string onConflict, IReadOnlyList<T> rows, Action<T, object?[]> values, object?[] row, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            text.Clear().Append(insert).Append(" VALUES ");
            command.Parameters.Clear();
            var end = Math.Min(start + RowsPerStatement, rows.Count);
            for (var r = start; r < end; r++)
            {
                values(rows[r], row);
                text.Append(r == start ? "(" : ", (");
                for (var c = 0; c < columnCount; c++)
                {
                    var parameter = command.CreateParameter();
                    parameter.Value = row[c] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                    text.Append(c == 0 ? "$" : ", $").Append(command.Parameters.Count.ToString(CultureInfo.InvariantCulture));
                }

                text.Append(')');
            }

            command.CommandText = text.Append(' ').Append(onConflict).ToString();
            if (end - start == RowsPerStatement)
            {
                await command.PrepareAsync(cancellationToken);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Name(int column) => "@c" + column.ToString(CultureInfo.InvariantCulture);
}
