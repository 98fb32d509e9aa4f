using System.CommandLine;

namespace Slipway.Cli.Commands.Workspaces;

/// <summary><c>slipway workspaces</c>: list, create and delete workspaces.</summary>
internal sealed class WorkspacesCommand : Command
{
    public WorkspacesCommand(CliContext context)
        : base("workspaces", "List, create and delete workspaces (create and delete need a platform admin).")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new CreateCommand(context));
        Subcommands.Add(new DeleteCommand(context));
    }
}
