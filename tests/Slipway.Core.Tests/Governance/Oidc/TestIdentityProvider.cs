using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Slipway.Core.Tests.Governance.Oidc;

/// <summary>
/// tests/idp/idp.mjs (the npm package oidc-provider) as a child process on a free loopback port. Its one client is
/// <see cref="ClientId"/> / <see cref="ClientSecret"/>; as a native client, any loopback port of the redirect URI
/// matches, so one provider serves any number of test servers. Stopped by closing its standard input, killed if
/// that does not end it.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "slipway-test";
    public const string ClientSecret = "idp-client-secret-for-tests";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process process;
    private readonly StringBuilder errors;

    private TestIdentityProvider(Process process, Uri issuer, StringBuilder errors)
    {
        this.process = process;
        this.errors = errors;
        Issuer = issuer;
    }

    public static string Directory { get; } = typeof(TestIdentityProvider).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "IdentityProviderDirectory").Value!;

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri Issuer { get; }

    public string Authority => Issuer.ToString().TrimEnd('/');

    /// <summary>The Slipway settings that point single sign-on at this provider.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Auth:Oidc:Enabled"] = "true",
        ["Auth:Oidc:Authority"] = Authority,
        ["Auth:Oidc:ClientId"] = ClientId,
        ["Auth:Oidc:ClientSecret"] = ClientSecret,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        // Every refusal is audited, none collapsed.
        ["Audit:DenialWindow"] = "00:00:00",
    };

    public static async Task<TestIdentityProvider> StartAsync()
    {
        await EnsureInstalledAsync();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["idp.mjs", "--port", "0", "--client-id", ClientId, "--client-secret", ClientSecret])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"node could not be started ({e.Message}): install Node.js, or run ./test.sh.", e);
        }

        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            // The script prints this line once the provider is built and its port accepts connections.
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.StartsWith("listening ", StringComparison.Ordinal))
                {
                    var provider = new TestIdentityProvider(process, new Uri(line["listening ".Length..]), errors);
                    using var http = new HttpClient();
                    (await http.GetAsync(new Uri(provider.Issuer, ".well-known/openid-configuration"), deadline.Token)).EnsureSuccessStatusCode();
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return provider;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(CancellationToken.None);
        string stderr;
        lock (errors)
        {
            stderr = errors.ToString();
        }

        process.Dispose();
        throw new InvalidOperationException($"tests/idp/idp.mjs did not start within 60 s: {stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            // Just killed: this returns at once.
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    /// <summary>npm ci in tests/idp when node_modules is missing (./test.sh does it first).</summary>
    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Directory, "node_modules", ".package-lock.json")))
            {
                return;
            }

            using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            {
                WorkingDirectory = Directory,
                RedirectStandardInput = true,
                UseShellExecute = false,
            })!;
            npm.StandardInput.Close();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Directory} failed with exit code {npm.ExitCode}.");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
