using System.CommandLine;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Users;

/// <summary><c>slipway users deactivate &lt;name&gt;</c>: sign-in, sessions and tokens stop working.</summary>
internal sealed class DeactivateCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The user's name." };

    public DeactivateCommand(CliContext context)
        : base("deactivate", "Deactivate a user: their sessions end and their tokens stop working.", context)
    {
        Arguments.Add(name);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var user = await WithClientAsync(parseResult, client => client.Users.UpdateAsync(parseResult.GetRequiredValue(name), new UpdateUserRequest(Active: false), cancellationToken));
        await UserOutput.WriteAsync(OutputFor(parseResult), user, cancellationToken);
        return ExitCodes.Success;
    }
}
