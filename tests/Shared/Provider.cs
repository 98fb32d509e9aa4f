namespace Slipway.Tests;

/// <summary>The database a test runs against.</summary>
public enum Provider
{
    Sqlite,
    Postgres,
}
