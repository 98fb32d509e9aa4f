using System.CommandLine;

namespace Slipway.Cli.Commands.Bindings;

/// <summary><c>--user</c> (a user or service account) and <c>--group</c>: exactly one names who a binding or grant is for.</summary>
internal sealed class PrincipalOptions
{
    public Option<string?> User { get; } = new("--user", "-u") { Description = "A user or service account.", HelpName = "name" };

    public Option<string?> Group { get; } = new("--group", "-g") { Description = "A group.", HelpName = "name" };

    public void AddTo(Command command)
    {
        command.Options.Add(User);
        command.Options.Add(Group);
    }
}
