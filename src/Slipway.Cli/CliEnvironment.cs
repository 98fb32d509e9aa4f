namespace Slipway.Cli;

/// <summary>What the CLI reads from and writes to outside its arguments; tests supply their own.</summary>
internal sealed record CliEnvironment(
    TextWriter Stdout,
    TextWriter Stderr,
    Func<string, string?> GetVariable,
    string ConfigFilePath,
    TimeProvider TimeProvider)
{
    /// <summary>The process environment, with the configuration file at <c>$XDG_CONFIG_HOME/slipway/config.json</c> (default <c>~/.config</c>).</summary>
    public static CliEnvironment FromProcess(TextWriter stdout, TextWriter stderr)
    {
        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            configHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return new CliEnvironment(stdout, stderr, Environment.GetEnvironmentVariable, Path.Combine(configHome, "slipway", "config.json"), TimeProvider.System);
    }
}
