using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Slipway.Database.Postgres;

/// <summary>Used only by <c>dotnet ef migrations add</c> (eng/add-migration.sh); it never connects.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<PostgresSlipwayDbContext>
{
    public PostgresSlipwayDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresSlipwayDbContext>();
        PostgresDatabase.Configure(builder, "Host=127.0.0.1;Database=slipway_design");
        return new PostgresSlipwayDbContext(builder.Options);
    }
}
