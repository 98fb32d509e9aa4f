using Microsoft.EntityFrameworkCore;
using Slipway.Database.Postgres;
using Slipway.Database.Sqlite;

namespace Slipway.Core.Tests.Infrastructure.Persistence;

/// <summary>Each provider's migrations cover the whole model: a model change without eng/add-migration.sh fails here.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_SQLite_migrations_match_the_model()
    {
        var options = new DbContextOptionsBuilder<SqliteSlipwayDbContext>();
        SqliteDatabase.Configure(options, "Data Source=:memory:");
        using var db = new SqliteSlipwayDbContext(options.Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Run eng/add-migration.sh <Name> to add the missing migration.");
    }

    [Fact]
    public void The_PostgreSQL_migrations_match_the_model()
    {
        var options = new DbContextOptionsBuilder<PostgresSlipwayDbContext>();
        PostgresDatabase.Configure(options, "Host=127.0.0.1;Database=unused");
        using var db = new PostgresSlipwayDbContext(options.Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Run eng/add-migration.sh <Name> to add the missing migration.");
    }
}
