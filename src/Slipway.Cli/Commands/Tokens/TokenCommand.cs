using System.CommandLine;

namespace Slipway.Cli.Commands.Tokens;

/// <summary><c>slipway token</c>: the group of API token verbs, on the caller's own tokens.</summary>
internal sealed class TokenCommand : Command
{
    public TokenCommand(CliContext context)
        : base("token", "Create, list and revoke your API tokens; set a token's serving limits.")
    {
        Subcommands.Add(new CreateCommand(context));
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new RevokeCommand(context));
        Subcommands.Add(new LimitsCommand(context));
    }
}
