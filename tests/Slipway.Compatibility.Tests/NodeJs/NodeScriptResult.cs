namespace Slipway.Compatibility.Tests.NodeJs;

/// <summary>How a script ended: its exit code (null when it was killed at the timeout) and everything it printed.</summary>
internal sealed record NodeScriptResult(int? ExitCode, TimeSpan Timeout, string Stdout, string Stderr)
{
    public string Describe(string what) =>
        (ExitCode is { } code ? $"{what} exited with {code}." : $"{what} was killed after {Timeout.TotalSeconds:0} s.")
        + $"{Environment.NewLine}--- stdout ---{Environment.NewLine}{Stdout}{Environment.NewLine}--- stderr ---{Environment.NewLine}{Stderr}";
}
