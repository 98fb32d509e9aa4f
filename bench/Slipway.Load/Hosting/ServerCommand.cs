using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Slipway.Load.Hosting;

/// <summary>How to start one server process on a free loopback port: the real Slipway server or the minimal baseline.</summary>
internal sealed record ServerCommand(IReadOnlyList<string> Arguments, Uri BaseAddress, string? DataDir, IReadOnlyDictionary<string, string> Environment)
{
    public static ServerCommand Slipway(RepositoryPaths paths, string dataDir, IReadOnlyDictionary<string, string> settings)
    {
        var address = FreeLoopbackAddress();
        var arguments = new List<string> { paths.ServerDll, "--Urls", address.ToString().TrimEnd('/'), "--DataDir", dataDir };
        foreach (var (key, value) in settings)
        {
            arguments.Add("--" + key);
            arguments.Add(value);
        }

        return new ServerCommand(arguments, address, dataDir, new Dictionary<string, string>());
    }

    /// <summary>
    /// An empty ASP.NET Core app with the same host builder and GC mode as the server (Web SDK projects use the
    /// server GC), answering only <c>/health/ready</c>: the floor for start-up time and memory.
    /// </summary>
    public static ServerCommand Minimal(RepositoryPaths paths)
    {
        var address = FreeLoopbackAddress();
        return new ServerCommand(
            [paths.LoadDll, MinimalServer.Verb, "--Urls", address.ToString().TrimEnd('/')],
            address,
            DataDir: null,
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
    }

    public ProcessStartInfo StartInfo()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The server reads SLIPWAY_* variables as settings; the command line alone decides what is measured.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("SLIPWAY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static Uri FreeLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
    }
}
