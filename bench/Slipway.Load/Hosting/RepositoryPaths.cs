using System.Diagnostics;

namespace Slipway.Load.Hosting;

/// <summary>Where the repository, the server build and the results file are, found from this assembly's location.</summary>
internal sealed record RepositoryPaths(string Root, string Configuration)
{
    public string ServerDll => Path.Combine(Root, "src", "Slipway.Server", "bin", Configuration, "net10.0", "Slipway.Server.dll");

    public string ServerProject => Path.Combine(Root, "src", "Slipway.Server", "Slipway.Server.csproj");

    public string ResultsFile => Path.Combine(Root, "bench", "results", "latest.md");

    public string LoadDll => typeof(RepositoryPaths).Assembly.Location;

    public static RepositoryPaths Find()
    {
        var baseDir = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(baseDir);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Slipway.slnx")))
        {
            dir = dir.Parent;
        }

        var root = dir?.FullName ?? throw new InvalidOperationException($"Slipway.slnx not found above {baseDir}.");
        var separator = Path.DirectorySeparatorChar;
        var configuration = baseDir.Contains($"{separator}Release{separator}", StringComparison.Ordinal) ? "Release" : "Debug";
        return new RepositoryPaths(root, configuration);
    }

    /// <summary>
    /// The project reference builds the server with the bench; this covers <c>--no-build</c> runs and a deleted bin
    /// folder.
    /// </summary>
    public async Task EnsureServerBuiltAsync(TextWriter log, CancellationToken cancellationToken)
    {
        if (File.Exists(ServerDll))
        {
            return;
        }

        log.WriteLine($"Building the server ({Configuration}): {ServerDll} is missing.");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var arg in new[] { "build", "-c", Configuration, "--nologo", "-v", "quiet", ServerProject })
        {
            start.ArgumentList.Add(arg);
        }

        using var build = Process.Start(start) ?? throw new InvalidOperationException("dotnet build did not start.");
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(ServerDll))
        {
            throw new InvalidOperationException($"dotnet build {ServerProject} failed with exit code {build.ExitCode}.");
        }
    }
}
