using System.CommandLine;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models</c>: the group of registry verbs.</summary>
internal sealed class ModelsCommand : Command
{
    public ModelsCommand(CliContext context)
        : base("models", "List, show and search registered models, their versions and model cards.")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new ShowCommand(context));
        Subcommands.Add(new VersionsCommand(context));
        Subcommands.Add(new CardCommand(context));
        Subcommands.Add(new SearchCommand(context));
    }
}
