using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Slipway.Database.Postgres;

public static class PostgresDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder
            .UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// The server's options: <see cref="Configure"/> plus the compiled model (CompiledModel/, made by
    /// eng/add-migration.sh), which saves building the model at every start. The pending-model-changes check of Migrate is
    /// skipped for the same reason; MigrationTests makes it at build time instead.
    /// </summary>
    public static DbContextOptionsBuilder ConfigureServer(DbContextOptionsBuilder builder, string connectionString) =>
        Configure(builder, connectionString).ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .UseModel(CompiledModel.PostgresSlipwayDbContextModel.Instance);
}
