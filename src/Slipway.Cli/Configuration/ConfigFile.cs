using System.Text.Json;
using Slipway.Cli.Output;

namespace Slipway.Cli.Configuration;

/// <summary>
/// The optional user configuration file, <c>{"url": "...", "token": "..."}</c>. It is the lowest-precedence
/// source: flags and environment variables override it.
/// </summary>
internal sealed record ConfigFile(string? Url, string? Token)
{
    public static readonly ConfigFile Empty = new(null, null);

    public static ConfigFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, CliJsonContext.Default.ConfigFile) ?? Empty;
        }
        catch (JsonException e)
        {
            throw new CommandException(ExitCodes.Usage, $"The configuration file {path} is not valid JSON ({e.Message}); expected {{\"url\": \"...\", \"token\": \"...\"}}.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CommandException(ExitCodes.Usage, $"The configuration file {path} cannot be read.");
        }
    }
}
