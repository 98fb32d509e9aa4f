using System.CommandLine;

namespace Slipway.Cli.Commands.Users;

/// <summary><c>slipway users list [--kind user|service]</c>.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<string?> kind = new("--kind") { Description = "Only 'user' or only 'service' accounts." };

    public ListCommand(CliContext context)
        : base("list", "List users and service accounts.", context)
    {
        Options.Add(kind);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var users = await WithClientAsync(parseResult, client => client.Users.ListAsync(parseResult.GetValue(kind), cancellationToken));
        await UserOutput.WriteAsync(OutputFor(parseResult), users, cancellationToken);
        return ExitCodes.Success;
    }
}
