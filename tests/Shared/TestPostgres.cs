using Npgsql;

namespace Slipway.Tests;

/// <summary>Creates and drops one database per test server on the PostgreSQL that ./test.sh started.</summary>
public static class TestPostgres
{
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "slipway_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(Admin());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(Admin()) { Database = database }.ConnectionString;

    public static async Task DropDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(Admin());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Admin() =>
        TestEnvironment.PostgresAdminConnectionString
        ?? throw new InvalidOperationException("SLIPWAY_TEST_POSTGRES is not set; ./test.sh starts PostgreSQL and sets it.");
}
