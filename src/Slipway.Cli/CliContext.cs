using System.CommandLine;

namespace Slipway.Cli;

/// <summary>The environment and the options every API command shares, built once per invocation.</summary>
internal sealed class CliContext(CliEnvironment environment)
{
    public CliEnvironment Environment { get; } = environment;

    public Option<string> Url { get; } = new("--url")
    {
        Description = "The server URL. Default: $SLIPWAY_URL, $MLFLOW_TRACKING_URI, then \"url\" in the configuration file, then http://127.0.0.1:5000.",
        HelpName = "url",
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = "The API token. Default: $SLIPWAY_TOKEN, $MLFLOW_TRACKING_TOKEN, then \"token\" in the configuration file. Prefer the variable: a flag shows in the process list.",
        HelpName = "token",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON to standard output instead of tables.",
    };
}
