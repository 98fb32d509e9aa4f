using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Slipway.Load.Hosting;

/// <summary>The server's default: one SQLite file, <c>slipway.db</c>, in its data directory.</summary>
internal sealed class SqliteBenchDatabase : BenchDatabase
{
    /// <summary>The pragmas the server's PragmaConnectionInterceptor sets on each connection.</summary>
    private const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA case_sensitive_like=ON;";

    public override string Name => "SQLite";

    /// <summary>A prepared single-row INSERT re-executed in one transaction: no SQL to parse, the fastest path into SQLite.</summary>
    public override int RawRowsPerStatement => 1;

    public override bool SingleWriter => true;

    public override string InIdList(string column) => $"{column} IN (SELECT value FROM json_each(@ids))";

    public override object IdList(IReadOnlyList<string> ids) => System.Text.Json.JsonSerializer.Serialize(ids);

    public override async Task<DbConnection> OpenAsync(ServerSite site, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(site.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    protected override Task<ServerSite> CreateSiteAsync(string dataDir, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string> { ["Database:Provider"] = "Sqlite" };
        var connectionString = $"Data Source={Path.Combine(dataDir, "slipway.db")};Pooling=True";
        return Task.FromResult(new ServerSite(dataDir, settings, connectionString));
    }
}
