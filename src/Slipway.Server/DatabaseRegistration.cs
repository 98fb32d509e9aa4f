using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Slipway.Core;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Catalog;
using Slipway.Database.Postgres;
using Slipway.Database.Sqlite;

namespace Slipway.Server;

public static class DatabaseRegistration
{
    /// <summary>SQLite (one file in the data directory) or PostgreSQL, from <c>Database:Provider</c>.</summary>
    public static WebApplicationBuilder AddSlipwayDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        builder.Services.AddSingleton(new WriteGate(serializeWrites: options.Provider != DatabaseProvider.Postgres));
        builder.Services.AddSingleton<IRowWriter>(options.Provider == DatabaseProvider.Postgres ? new DbCommandRowWriter() : new SqliteRowWriter());
        builder.Services.AddSingleton<ICatalogTextSearch>(options.Provider == DatabaseProvider.Postgres ? new PostgresCatalogTextSearch() : new SqliteCatalogTextSearch());
        if (options.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<SlipwayDbContext, PostgresSlipwayDbContext>(
                o => PostgresDatabase.ConfigureServer(o, options.ConnectionString!));
        }
        else
        {
            builder.Services.AddDbContextPool<SlipwayDbContext, SqliteSlipwayDbContext>((services, o) =>
            {
                var connectionString = options.ConnectionString ?? SqliteConnectionString(services.GetRequiredService<IOptions<SlipwayOptions>>().Value);
                SqliteDatabase.ConfigureServer(o, connectionString);
            });
        }

        return builder;
    }

    private static string SqliteConnectionString(SlipwayOptions options)
    {
        var dataDir = options.DataDirFullPath;
        Directory.CreateDirectory(dataDir);
        return $"Data Source={Path.Combine(dataDir, "slipway.db")};Pooling=True";
    }
}
