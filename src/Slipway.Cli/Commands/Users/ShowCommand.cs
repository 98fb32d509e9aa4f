using System.CommandLine;

namespace Slipway.Cli.Commands.Users;

/// <summary><c>slipway users show &lt;name&gt;</c>.</summary>
internal sealed class ShowCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The user's name." };

    public ShowCommand(CliContext context)
        : base("show", "Show one user.", context)
    {
        Arguments.Add(name);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var user = await WithClientAsync(parseResult, client => client.Users.GetAsync(parseResult.GetRequiredValue(name), cancellationToken));
        await UserOutput.WriteAsync(OutputFor(parseResult), user, cancellationToken);
        return ExitCodes.Success;
    }
}
