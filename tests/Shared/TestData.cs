namespace Slipway.Tests;

/// <summary>
/// The real datasets in <c>../shared/data/</c> (beside the repository; see its README for sources and licence). Found by
/// walking up from the test binaries, or in <c>SLIPWAY_TEST_DATA_DIR</c> when set.
/// </summary>
public static class TestData
{
    public static string File(string name)
    {
        if (Environment.GetEnvironmentVariable("SLIPWAY_TEST_DATA_DIR") is { Length: > 0 } configured)
        {
            return Existing(Path.Combine(configured, name));
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", name);
            if (System.IO.File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"'{name}' was not found in any shared/data folder above {AppContext.BaseDirectory}; set SLIPWAY_TEST_DATA_DIR.", name);
    }

    private static string Existing(string path) =>
        System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"'{path}' does not exist (SLIPWAY_TEST_DATA_DIR).", path);
}
