using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Slipway.Cli;

namespace Slipway.Client.Tests.Support;

/// <summary>
/// Runs the CLI in-process against <paramref name="server"/> with a controlled environment: only the variables
/// given, and a configuration file in a fresh directory (none unless written), so the machine's own settings
/// never leak in.
/// </summary>
public sealed class CliRunner(Uri? server, string? token)
{
    private readonly Dictionary<string, string> variables = new(StringComparer.Ordinal);
    private readonly string configPath = Path.Combine(Directory.CreateTempSubdirectory("slipway-cli-").FullName, "config.json");

    /// <summary>Starts at the real time: the server checks expiry times against its own clock.</summary>
    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    public CliRunner WithVariable(string name, string value)
    {
        variables[name] = value;
        return this;
    }

    public CliRunner WithConfigFile(string json)
    {
        File.WriteAllText(configPath, json);
        return this;
    }

    /// <summary>Runs <c>slipway &lt;args&gt;</c>, adding <c>--url</c> and <c>--token</c> for commands that take them.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        var full = new List<string>(args);
        if (server is not null)
        {
            full.AddRange(["--url", server.ToString()]);
        }

        if (token is not null)
        {
            full.AddRange(["--token", token]);
        }

        return await RunExactlyAsync([.. full]);
    }

    /// <summary>Runs <c>slipway &lt;args&gt;</c> exactly as given.</summary>
    public async Task<CliResult> RunExactlyAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var environment = new CliEnvironment(stdout, stderr, name => variables.GetValueOrDefault(name), configPath, Time);
        var exitCode = await SlipwayCli.RunAsync(args, environment, CancellationToken.None);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public CliResult AssertExit(int expected)
    {
        Assert.True(ExitCode == expected, $"exit code {ExitCode}, expected {expected}\nstdout: {Stdout}\nstderr: {Stderr}");
        return this;
    }
}
