using System.CommandLine;

namespace Slipway.Cli.Commands.Experiments;

/// <summary><c>slipway experiments</c>: the group of experiment verbs.</summary>
internal sealed class ExperimentsCommand : Command
{
    public ExperimentsCommand(CliContext context)
        : base("experiments", "List and show experiments.")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new ShowCommand(context));
    }
}
