using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Tokens;

/// <summary>
/// <c>slipway token create &lt;name&gt;</c>: the only command that prints a token. The secret alone goes to standard
/// output (so <c>$(slipway token create ci)</c> captures it), with a warning on standard error to store it now.
/// </summary>
internal sealed class CreateCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "A unique name for the token, such as ci-nightly." };

    private readonly Option<TimeSpan?> expiresIn = new("--expires-in")
    {
        Description = "Lifetime such as 12h, 30d or 8w. Default: the server's (90 days unless configured).",
        HelpName = "lifetime",
        CustomParser = Lifetime.Parse,
    };

    private readonly Option<string?> workspace = new("--workspace", "-w")
    {
        Description = "Bind the token to one workspace; it can act nowhere else.",
        HelpName = "name",
    };

    private readonly Option<string?> maxPermission = new("--max-permission")
    {
        Description = "Cap the token at READ, USE, EDIT or MANAGE; never above what you hold.",
        HelpName = "level",
    };

    private readonly Option<bool> neverExpires = new("--never-expires")
    {
        Description = "No expiry (only where the server allows it: Auth:AllowNonExpiringTokens).",
    };

    public CreateCommand(CliContext context)
        : base("create", "Create an API token and print its secret once.", context)
    {
        Arguments.Add(name);
        Options.Add(expiresIn);
        Options.Add(workspace);
        Options.Add(maxPermission);
        Options.Add(neverExpires);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var tokenName = parseResult.GetRequiredValue(name);
        DateTimeOffset? expiresAt = parseResult.GetValue(expiresIn) is { } lifetime
            ? Context.Environment.TimeProvider.GetUtcNow() + lifetime
            : null;
        var request = new CreateTokenRequest(
            tokenName, expiresAt?.ToUnixTimeMilliseconds(), parseResult.GetValue(workspace), parseResult.GetValue(maxPermission), parseResult.GetValue(neverExpires));
        var created = await WithClientAsync(parseResult, client => client.Tokens.CreateScopedAsync(request, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(created, CliJsonContext.Default.CreatedTokenResponse, cancellationToken);
        }
        else
        {
            output.WriteLine(created.Secret);
        }

        var expiry = created.Token.ExpiresAt is { } at ? $"expires {Cells.Time(at)}" : "never expires";
        var scope = created.Token.Workspace is { } bound ? $", workspace {bound}" : "";
        var ceiling = created.Token.MaxPermission is { } max ? $", at most {max}" : "";
        output.Warn($"Created token '{created.Token.Name}' (id {created.Token.Id}, {expiry}{scope}{ceiling}). Store it now: it is shown only this once.");
        return ExitCodes.Success;
    }
}
