namespace Slipway.Core.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>Sqlite</c> (default: one file, <c>&lt;DataDir&gt;/slipway.db</c>) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for Postgres; for Sqlite it overrides the default file.</summary>
    public string? ConnectionString { get; set; }
}
