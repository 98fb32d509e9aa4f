using System.CommandLine;
using Slipway.Cli.Output;

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
        Description = "Lifetime such as 12h, 30d or 8w. Default: never expires.",
        HelpName = "lifetime",
        CustomParser = Lifetime.Parse,
    };

    public CreateCommand(CliContext context)
        : base("create", "Create an API token and print its secret once.", context)
    {
        Arguments.Add(name);
        Options.Add(expiresIn);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var tokenName = parseResult.GetRequiredValue(name);
        DateTimeOffset? expiresAt = parseResult.GetValue(expiresIn) is { } lifetime
            ? Context.Environment.TimeProvider.GetUtcNow() + lifetime
            : null;
        var created = await WithClientAsync(parseResult, client => client.Tokens.CreateAsync(tokenName, expiresAt, cancellationToken));
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
        output.Warn($"Created token '{created.Token.Name}' (id {created.Token.Id}, {expiry}). Store it now: it is shown only this once.");
        return ExitCodes.Success;
    }
}
