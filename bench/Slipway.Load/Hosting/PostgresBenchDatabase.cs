using System.Data.Common;
using Npgsql;

namespace Slipway.Load.Hosting;

/// <summary>
/// PostgreSQL from an admin connection string (<c>SLIPWAY_BENCH_POSTGRES</c>, else <c>SLIPWAY_TEST_POSTGRES</c>):
/// a new database per site, dropped at the end.
/// </summary>
internal sealed class PostgresBenchDatabase(string adminConnectionString) : BenchDatabase
{
    public const string BenchVariable = "SLIPWAY_BENCH_POSTGRES";
    public const string TestVariable = "SLIPWAY_TEST_POSTGRES";

    private readonly List<string> databases = [];

    public override string Name => "PostgreSQL";

    /// <summary>One multi-row INSERT per batch: one round trip instead of a thousand.</summary>
    public override int RawRowsPerStatement => 1000;

    public override bool SingleWriter => false;

    public static string? AdminConnectionStringFromEnvironment() =>
        Environment.GetEnvironmentVariable(BenchVariable) is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable(TestVariable) is { Length: > 0 } test ? test
        : null;

    public override string InIdList(string column) => $"{column} = ANY(@ids)";

    public override object IdList(IReadOnlyList<string> ids) => ids.ToArray();

    public override async Task<DbConnection> OpenAsync(ServerSite site, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(site.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override async Task RefreshStatisticsAsync(ServerSite site, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(site, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            foreach (var name in databases)
            {
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        await base.DisposeAsync();
    }

    protected override async Task<ServerSite> CreateSiteAsync(string dataDir, CancellationToken cancellationToken)
    {
        // Only hex digits after a fixed prefix, so the name needs no quoting.
        var name = "slipway_load_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        databases.Add(name);
        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
        };
        return new ServerSite(dataDir, settings, connectionString);
    }
}
