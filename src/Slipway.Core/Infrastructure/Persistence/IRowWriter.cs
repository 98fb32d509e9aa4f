namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>
/// Inserts many rows in the current transaction (the log-batch hot path). Each provider registers the fastest way
/// it has: <see cref="DbCommandRowWriter"/> by default, SQLite's own statement API in Slipway.Database.Sqlite.
/// </summary>
public interface IRowWriter
{
    /// <param name="db">Its connection and current transaction are used.</param>
    /// <param name="insert">The statement head, e.g. <c>INSERT INTO metrics (run_id, key)</c>; fixed text only.</param>
    /// <param name="columnCount">How many values each row has.</param>
    /// <param name="onConflict">The tail, e.g. <c>ON CONFLICT DO NOTHING</c>; fixed text only.</param>
    /// <param name="rows">The rows; <paramref name="values"/> writes one row's values into the array it is given.</param>
    /// <param name="values">Fills the values of a row: string, long, double, bool or null.</param>
    /// <param name="cancellationToken">Cancels the insert; the caller's transaction rolls back.</param>
    Task InsertAsync<T>(
        SlipwayDbContext db,
        string insert,
        int columnCount,
        string onConflict,
        IReadOnlyList<T> rows,
        Action<T, object?[]> values,
        CancellationToken cancellationToken);
}
