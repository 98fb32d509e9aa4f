using System.CommandLine;
using Slipway.Cli.Commands.Models.Retention;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models</c>: the group of model registry verbs.</summary>
internal sealed class ModelsCommand : Command
{
    public ModelsCommand(CliContext context)
        : base("models", "List, show and search models, versions and cards; upload, import, archive, restore, hold and retain versions; read their history.")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new ShowCommand(context));
        Subcommands.Add(new VersionsCommand(context));
        Subcommands.Add(new CardCommand(context));
        Subcommands.Add(new SearchCommand(context));
        Subcommands.Add(new UploadCommand(context));
        Subcommands.Add(new ImportCommand(context));
        Subcommands.Add(new ArchiveCommand(context));
        Subcommands.Add(new RestoreCommand(context));
        Subcommands.Add(new HoldCommand(context));
        Subcommands.Add(new UnholdCommand(context));
        Subcommands.Add(new RetentionCommand(context));
        Subcommands.Add(new HistoryCommand(context));
    }
}
