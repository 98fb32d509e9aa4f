namespace Slipway.Tests;

/// <summary>
/// The real datasets in <c>../shared/data/</c> (beside the repository; see its README for sources and licence). Found in
/// <c>SLIPWAY_TEST_DATA_DIR</c> when set, else by walking up from the test binaries; a checkout elsewhere falls back to
/// the gzip copy in <c>tests/data/</c> (see its README), decompressed once per process.
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

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var shipped = Path.Combine(directory.FullName, "tests", "data", name + ".gz");
            if (System.IO.File.Exists(shipped))
            {
                return Decompressed.GetOrAdd(shipped, path => new Lazy<string>(() => Decompress(path))).Value;
            }
        }

        throw new FileNotFoundException($"'{name}' was not found in any shared/data or tests/data folder above {AppContext.BaseDirectory}; set SLIPWAY_TEST_DATA_DIR.", name);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string>> Decompressed = new(StringComparer.Ordinal);

    private static string Decompress(string gzipPath)
    {
        var target = Path.Combine(Path.GetTempPath(), $"slipway-test-data-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(gzipPath)}");
        using (var source = new System.IO.Compression.GZipStream(System.IO.File.OpenRead(gzipPath), System.IO.Compression.CompressionMode.Decompress))
        using (var destination = System.IO.File.Create(target))
        {
            source.CopyTo(destination);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(target);
        return target;
    }

    private static string Existing(string path) =>
        System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"'{path}' does not exist (SLIPWAY_TEST_DATA_DIR).", path);
}
