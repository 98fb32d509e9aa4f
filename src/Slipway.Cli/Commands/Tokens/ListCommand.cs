using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Tokens;

/// <summary><c>slipway token list</c>: every token with its status; never a secret.</summary>
internal sealed class ListCommand : ApiCommand
{
    public ListCommand(CliContext context)
        : base("list", "List API tokens (names and prefixes, never secrets).", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var tokens = await WithClientAsync(parseResult, client => client.Tokens.ListAsync(cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(tokens, CliJsonContext.Default.IReadOnlyListTokenResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var now = Context.Environment.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var table = Cells.NewTable("ID", "Name", "Prefix", "Principal", "Status", "Created", "Expires");
        foreach (var token in tokens)
        {
            table.AddTextRow(
                Cells.Number(token.Id), token.Name, token.Prefix, token.Principal, StatusOf(token, now), Cells.Time(token.CreatedAt), Cells.Time(token.ExpiresAt));
        }

        output.Write(table);
        return ExitCodes.Success;
    }

    private static string StatusOf(TokenResponse token, long now) =>
        token.RevokedAt is not null ? "revoked"
        : token.ExpiresAt <= now ? "expired"
        : "active";
}
