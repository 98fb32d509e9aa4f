using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;

namespace Slipway.Compatibility.Tests.NodeJs;

/// <summary>
/// Runs a script from this project's node/ directory with <c>node</c>, next to the npm clients it drives.
/// The clients come from the committed package-lock.json: ./test.sh runs <c>npm ci</c>, and so does the first
/// script run here when node_modules is missing.
/// </summary>
internal static class NodeScript
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public static string Directory { get; } = typeof(NodeScript).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "NodeClientDirectory").Value!;

    public static async Task<NodeScriptResult> RunAsync(string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        await EnsureInstalledAsync(timeout);
        return await RunProcessAsync("node", [script], environment, timeout);
    }

    private static async Task EnsureInstalledAsync(TimeSpan timeout)
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Directory, "node_modules", ".package-lock.json")))
            {
                return;
            }

            var install = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], new Dictionary<string, string>(), timeout);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException(install.Describe($"npm ci in {Directory}"));
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<NodeScriptResult> RunProcessAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{fileName}' could not be started ({e.Message}): install Node.js and npm, or run ./test.sh.", e);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            var timedOut = false;
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                // The process was just killed, so this returns at once; the expired token cannot be used for it.
                await process.WaitForExitAsync(CancellationToken.None);
            }

            return new NodeScriptResult(timedOut ? null : process.ExitCode, timeout, await stdout, await stderr);
        }
    }
}
