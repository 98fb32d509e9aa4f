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

    [Fact]
    public void The_SQLite_compiled_model_matches_the_model()
    {
        var built = new DbContextOptionsBuilder<SqliteSlipwayDbContext>();
        SqliteDatabase.Configure(built, "Data Source=:memory:");
        var compiled = new DbContextOptionsBuilder<SqliteSlipwayDbContext>();
        SqliteDatabase.ConfigureServer(compiled, "Data Source=:memory:");
        using var fromCode = new SqliteSlipwayDbContext(built.Options);
        using var fromCompiled = new SqliteSlipwayDbContext(compiled.Options);
        Assert.Equal(Describe(fromCode), Describe(fromCompiled));
    }

    [Fact]
    public void The_PostgreSQL_compiled_model_matches_the_model()
    {
        var built = new DbContextOptionsBuilder<PostgresSlipwayDbContext>();
        PostgresDatabase.Configure(built, "Host=127.0.0.1;Database=unused");
        var compiled = new DbContextOptionsBuilder<PostgresSlipwayDbContext>();
        PostgresDatabase.ConfigureServer(compiled, "Host=127.0.0.1;Database=unused");
        using var fromCode = new PostgresSlipwayDbContext(built.Options);
        using var fromCompiled = new PostgresSlipwayDbContext(compiled.Options);
        Assert.Equal(Describe(fromCode), Describe(fromCompiled));
    }

    /// <summary>What the server uses at run time: every table, column (type, nullability), key, index and foreign key, as lines a diff shows well.</summary>
    private static List<string> Describe(DbContext db)
    {
        var model = db.Model.GetRelationalModel();

        var lines = new List<string>();
        foreach (var table in model.Tables.OrderBy(t => t.Name))
        {
            foreach (var column in table.Columns.OrderBy(c => c.Name))
            {
                lines.Add($"{table.Name}.{column.Name} {column.StoreType} null={column.IsNullable}");
            }

            lines.Add($"{table.Name} pk {table.PrimaryKey?.Name}({string.Join(",", table.PrimaryKey?.Columns.Select(c => c.Name) ?? [])})");
            lines.AddRange(table.Indexes.Select(i => $"{table.Name} index {i.Name}({string.Join(",", i.Columns.Select(c => c.Name))}) unique={i.IsUnique}").Order());
            lines.AddRange(table.ForeignKeyConstraints.Select(f => $"{table.Name} fk {f.Name} -> {f.PrincipalTable.Name} {f.OnDeleteAction}").Order());
        }

        return lines;
    }
}
