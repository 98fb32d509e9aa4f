using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Database.Postgres;

public sealed class PostgresSlipwayDbContext(DbContextOptions<PostgresSlipwayDbContext> options) : SlipwayDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Byte-order collation on every text column, so that names sort and compare exactly as in SQLite
        // (BINARY), whatever locale the database was created with: searches then page identically on both.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.ClrType == typeof(string)))
        {
            property.SetCollation("C");
        }
    }
}
