namespace Slipway.Tests;

/// <summary>
/// What ./test.sh provides: a PostgreSQL admin connection string and an S3-compatible endpoint on loopback.
/// Outside ./test.sh a missing service drops its test rows (and says so); inside it, a missing service fails.
/// </summary>
public static class TestEnvironment
{
    public static string? PostgresAdminConnectionString => Environment.GetEnvironmentVariable("SLIPWAY_TEST_POSTGRES");

    public static string? S3Endpoint => Environment.GetEnvironmentVariable("SLIPWAY_TEST_S3_URL");

    public static bool ServicesRequired => Environment.GetEnvironmentVariable("SLIPWAY_TEST_REQUIRE_SERVICES") == "1";

    public static bool HasPostgres => Check(PostgresAdminConnectionString, "SLIPWAY_TEST_POSTGRES (PostgreSQL)");

    public static bool HasS3 => Check(S3Endpoint, "SLIPWAY_TEST_S3_URL (S3-compatible server)");

    private static bool Check(string? value, string what)
    {
        if (!string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (ServicesRequired)
        {
            throw new InvalidOperationException($"{what} is not set; ./test.sh starts it and sets it.");
        }

        Console.Error.WriteLine($"[skip] {what} is not set: its test rows are skipped. Run ./test.sh for the whole suite.");
        return false;
    }
}
