using Microsoft.EntityFrameworkCore;

namespace Slipway.Database.Sqlite;

public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder
            .UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(PragmaConnectionInterceptor.Instance);
}
