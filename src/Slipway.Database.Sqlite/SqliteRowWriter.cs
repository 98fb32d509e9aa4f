using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using SQLitePCL;

namespace Slipway.Database.Sqlite;

/// <summary>
/// Inserts rows through SQLite's own statement API: one statement prepared per call, then bind, step and reset per
/// row. Microsoft.Data.Sqlite spends more per execution (a reader, name lookups for each parameter) than SQLite
/// spends inserting the row, so on the log-batch path this is about twice as fast as a reused SqliteCommand.
/// </summary>
public sealed class SqliteRowWriter : IRowWriter
{
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
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle
            ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var sql = $"{insert} VALUES ({string.Join(", ", Enumerable.Range(1, columnCount).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)))}) {onConflict}";
        Check(raw.sqlite3_prepare_v2(handle, sql, out var statement), handle);
        using (statement)
        {
            var row = new object?[columnCount];
            foreach (var item in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                values(item, row);
                for (var c = 0; c < columnCount; c++)
                {
                    Check(Bind(statement, c + 1, row[c]), handle);
                }

                var rc = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    Check(rc, handle);
                }
            }
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        string s => raw.sqlite3_bind_text(statement, index, s),
        long l => raw.sqlite3_bind_int64(statement, index, l),
        int i => raw.sqlite3_bind_int(statement, index, i),
        bool b => raw.sqlite3_bind_int(statement, index, b ? 1 : 0),
        double d => raw.sqlite3_bind_double(statement, index, d),
        _ => throw new ArgumentException($"Cannot bind a {value.GetType().Name} to SQLite.", nameof(value)),
    };

    private static void Check(int rc, sqlite3 handle) => SqliteException.ThrowExceptionForRC(rc, handle);
}
