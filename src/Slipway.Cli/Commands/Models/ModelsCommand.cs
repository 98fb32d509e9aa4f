using System.CommandLine;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models</c>: the group of model registry verbs.</summary>
internal sealed class ModelsCommand : Command
{
    public ModelsCommand(CliContext context)
        : base("models", "Register model versions from package files and import third-party models.")
    {
        Subcommands.Add(new UploadCommand(context));
        Subcommands.Add(new ImportCommand(context));
    }
}
