using System.CommandLine;

namespace Slipway.Cli.Commands.Bindings;

/// <summary><c>slipway bindings</c>: who holds which role in a workspace (needs Workspace Admin or a platform admin).</summary>
internal sealed class BindingsCommand : Command
{
    public BindingsCommand(CliContext context)
        : base("bindings", "List, add and remove role bindings of a workspace (Workspace Admin).")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new AddCommand(context));
        Subcommands.Add(new RemoveCommand(context));
    }
}
