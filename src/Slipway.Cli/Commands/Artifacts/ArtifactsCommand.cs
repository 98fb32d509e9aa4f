using System.CommandLine;

namespace Slipway.Cli.Commands.Artifacts;

/// <summary><c>slipway artifacts</c>: the group of artifact transfer verbs.</summary>
internal sealed class ArtifactsCommand : Command
{
    public ArtifactsCommand(CliContext context)
        : base("artifacts", "Upload and download artifacts through the server's artifact proxy.")
    {
        Subcommands.Add(new UploadCommand(context));
        Subcommands.Add(new DownloadCommand(context));
    }
}
