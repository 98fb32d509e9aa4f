namespace Slipway.Cli;

/// <summary>An expected failure found by the CLI itself (bad configuration, missing local file), with its exit code.</summary>
internal sealed class CommandException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
