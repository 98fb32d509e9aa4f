using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Tracking;
using Slipway.Core.Tracking.LoggedModels;
using Slipway.Core.Tracking.Search;
using Slipway.Tests;

namespace Slipway.Core.Tests.Tracking.Search;

[CollectionDefinition(Name)]
public sealed class SearchDatabaseCollection : ICollectionFixture<SearchDatabaseFixture>
{
    public const string Name = "Search database";
}

/// <summary>
/// One server per provider, seeded once with the same runs, experiments and logged models through EF; tests run
/// compiled search SQL straight on each database's connection and compare ids.
/// </summary>
public sealed class SearchDatabaseFixture : IAsyncLifetime
{
    private readonly Dictionary<Provider, SlipwayTestServer> servers = [];

    public async Task InitializeAsync()
    {
        foreach (var provider in TestEnvironment.HasPostgres ? [Provider.Sqlite, Provider.Postgres] : new[] { Provider.Sqlite })
        {
            var server = await SlipwayTestServer.StartAsync(provider);
            servers[provider] = server;
            using var scope = server.Services.CreateScope();
            await SearchSeed.InsertAsync(scope.ServiceProvider.GetRequiredService<SlipwayDbContext>());
        }
    }

    /// <summary>Runs <paramref name="sql"/> with the search's parameters and returns the first column of each row as text.</summary>
    internal async Task<IReadOnlyList<string>> QueryAsync(Provider provider, string sql, CompiledSearch search)
    {
        using var scope = servers[provider].Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        // Opened through EF so that the SQLite pragma interceptor (case_sensitive_like) runs, as in the handlers.
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            search.AddParametersTo(command);
            await using var reader = await command.ExecuteReaderAsync();
            var ids = new List<string>();
            while (await reader.ReadAsync())
            {
                ids.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
            }

            return ids;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<IReadOnlyList<string>> RunIdsAsync(Provider provider, string? filter, params string[] orderBy)
    {
        var search = RunSearchCompiler.Compile(filter, orderBy);
        Assert.True(search.IsSuccess, search.Error?.Message);
        return await QueryAsync(provider, $"SELECT r.id FROM runs r WHERE {search.Value.WhereAnd("r.experiment_id = 0")} ORDER BY {search.Value.OrderBy}", search.Value);
    }

    public async Task DisposeAsync()
    {
        foreach (var server in servers.Values)
        {
            await server.DisposeAsync();
        }
    }
}
