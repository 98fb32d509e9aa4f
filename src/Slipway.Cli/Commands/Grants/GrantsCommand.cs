using System.CommandLine;

namespace Slipway.Cli.Commands.Grants;

/// <summary><c>slipway grants</c>: direct levels on single experiments and registered models (Workspace Admin).</summary>
internal sealed class GrantsCommand : Command
{
    public GrantsCommand(CliContext context)
        : base("grants", "List, set and remove direct grants on experiments and registered models (Workspace Admin).")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new SetCommand(context));
        Subcommands.Add(new RemoveCommand(context));
    }
}
