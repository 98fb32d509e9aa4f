using System.CommandLine;

namespace Slipway.Cli.Commands.Runs;

/// <summary><c>slipway runs</c>: the group of run verbs.</summary>
internal sealed class RunsCommand : Command
{
    public RunsCommand(CliContext context)
        : base("runs", "List and show runs.")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new ShowCommand(context));
    }
}
