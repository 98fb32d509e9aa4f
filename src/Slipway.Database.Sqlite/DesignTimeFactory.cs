using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Slipway.Database.Sqlite;

/// <summary>Used only by <c>dotnet ef migrations add</c> (eng/add-migration.sh).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SqliteSlipwayDbContext>
{
    public SqliteSlipwayDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteSlipwayDbContext>();
        SqliteDatabase.Configure(builder, "Data Source=design-time.db");
        return new SqliteSlipwayDbContext(builder.Options);
    }
}
