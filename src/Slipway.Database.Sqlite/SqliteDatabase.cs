using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Slipway.Database.Sqlite;

public static class SqliteDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder
            .UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(PragmaConnectionInterceptor.Instance);

    /// <summary>
    /// The server's options: <see cref="Configure"/> plus the compiled model (CompiledModel/, made by
    /// eng/add-migration.sh), which saves building the model at every start. The pending-model-changes check of Migrate is
    /// skipped for the same reason; MigrationTests makes it at build time instead. Design-time tools build the model
    /// from the code instead, so a migration never comes from a stale compiled model.
    /// </summary>
    public static DbContextOptionsBuilder ConfigureServer(DbContextOptionsBuilder builder, string connectionString) =>
        Configure(builder, connectionString).ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .UseModel(CompiledModel.SqliteSlipwayDbContextModel.Instance);
}
