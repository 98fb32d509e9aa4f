using System.CommandLine;

namespace Slipway.Cli.Commands.Roles;

/// <summary><c>slipway roles</c>: a workspace's built-in and custom roles (needs Workspace Admin or a platform admin).</summary>
internal sealed class RolesCommand : Command
{
    public RolesCommand(CliContext context)
        : base("roles", "List, create and delete a workspace's roles (Workspace Admin).")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new CreateCommand(context));
        Subcommands.Add(new DeleteCommand(context));
    }
}
