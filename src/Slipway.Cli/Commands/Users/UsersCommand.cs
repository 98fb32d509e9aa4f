using System.CommandLine;

namespace Slipway.Cli.Commands.Users;

/// <summary><c>slipway users</c>: users and their passwords (needs a platform admin token).</summary>
internal sealed class UsersCommand : Command
{
    public UsersCommand(CliContext context)
        : base("users", "List, create, show and deactivate users and set their passwords (needs a platform admin token).")
    {
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new CreateCommand(context));
        Subcommands.Add(new ShowCommand(context));
        Subcommands.Add(new DeactivateCommand(context));
        Subcommands.Add(new SetPasswordCommand(context));
    }
}
