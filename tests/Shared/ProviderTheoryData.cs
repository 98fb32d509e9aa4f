namespace Slipway.Tests;

/// <summary>Each [Theory] fed by this runs once on SQLite and once on PostgreSQL (when present).</summary>
public sealed class ProviderTheoryData : TheoryData<Provider>
{
    public ProviderTheoryData()
    {
        Add(Provider.Sqlite);
        if (TestEnvironment.HasPostgres)
        {
            Add(Provider.Postgres);
        }
    }
}
