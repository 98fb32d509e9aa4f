using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Tokens;

/// <summary><c>slipway token revoke &lt;name-or-id&gt;</c>: requests carrying the token are refused from then on.</summary>
internal sealed class RevokeCommand : ApiCommand
{
    private readonly Argument<string> nameOrId = new("name-or-id") { Description = "The token's name or numeric id." };

    public RevokeCommand(CliContext context)
        : base("revoke", "Revoke an API token.", context)
    {
        Arguments.Add(nameOrId);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var target = parseResult.GetRequiredValue(nameOrId);
        var token = await WithClientAsync(parseResult, client => client.Tokens.RevokeAsync(target, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(token, CliJsonContext.Default.TokenResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"Revoked token '{token.Name}' (id {token.Id}).");
        }

        return ExitCodes.Success;
    }
}
