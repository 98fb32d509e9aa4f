namespace Slipway.Server;

/// <summary>The configuration has errors; the message lists each, naming the key to set.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> errors)
    : Exception("Slipway cannot start; fix the configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
