using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Slipway.Database.Sqlite;

/// <summary>
/// Sets the per-connection pragmas on every open. WAL lets readers run beside the single writer; busy_timeout
/// makes a writer wait for the lock instead of failing at once (5 s, well under the clients' 120 s timeout);
/// synchronous=NORMAL is durable across a process crash in WAL mode (only an OS crash can lose the last commit);
/// case_sensitive_like makes LIKE case-sensitive, as MLflow's filter grammar requires (mlflow-rest.md §6.1).
/// </summary>
public sealed class PragmaConnectionInterceptor : DbConnectionInterceptor
{
    public static PragmaConnectionInterceptor Instance { get; } = new();

    private const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; " +
        "PRAGMA foreign_keys=ON; PRAGMA case_sensitive_like=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
