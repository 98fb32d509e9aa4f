using System.CommandLine;

namespace Slipway.Cli.Commands.Deployments;

/// <summary>A deployment document on disk (<c>-f income.yaml</c>): JSON, or the serving spec's YAML by its extension.</summary>
internal static class DeploymentFile
{
    public static Option<string> Option() => new("--file", "-f")
    {
        Description = "The deployment as JSON (.json) or YAML (.yaml, .yml), as docs/serving.md describes.",
        HelpName = "path",
        Required = true,
    };

    public static (string Content, string MediaType) Read(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CommandException(ExitCodes.Usage, $"There is no file at {full}.");
        }

        var extension = Path.GetExtension(full).ToLowerInvariant();
        var mediaType = extension switch
        {
            ".json" => "application/json",
            ".yaml" or ".yml" => "application/yaml",
            _ => throw new CommandException(ExitCodes.Usage, $"'{Path.GetFileName(full)}' is neither .json nor .yaml/.yml; name the file after its format."),
        };
        return (File.ReadAllText(full), mediaType);
    }
}
