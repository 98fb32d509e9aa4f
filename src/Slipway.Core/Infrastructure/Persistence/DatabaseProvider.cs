namespace Slipway.Core.Infrastructure.Persistence;

public static class DatabaseProvider
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
}
