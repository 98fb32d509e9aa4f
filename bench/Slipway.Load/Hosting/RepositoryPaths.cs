using System.Diagnostics;

namespace Slipway.Load.Hosting;

/// <summary>Where the repository, the server build and the results file are, found from this assembly's location.</summary>
internal sealed record RepositoryPaths(string Root, string Configuration)
{
    /// <summary>The server as <c>./slipway up</c> runs it: published ReadyToRun by eng/publish-server.sh.</summary>
    public string ServerDll => Path.Combine(Root, "artifacts", "server", "Slipway.Server.dll");

    public string PublishScript => Path.Combine(Root, "eng", "publish-server.sh");

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

    /// <summary>Publishes the server with eng/publish-server.sh, which does nothing when it is up to date.</summary>
    public async Task EnsureServerBuiltAsync(TextWriter log, CancellationToken cancellationToken)
    {
        log.WriteLine("Publishing the server as ./slipway up runs it (eng/publish-server.sh)...");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(PublishScript);
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("eng/publish-server.sh did not start.");
        await publish.StandardOutput.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken);
        if (publish.ExitCode != 0 || !File.Exists(ServerDll))
        {
            throw new InvalidOperationException($"eng/publish-server.sh failed with exit code {publish.ExitCode}.");
        }
    }
}
