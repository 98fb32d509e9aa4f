using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Tokens;

/// <summary><c>slipway token list [--all]</c>: your tokens (every token with --all, platform admins) with their status; never a secret.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<bool> all = new("--all") { Description = "Every owner's tokens (platform admins only)." };

    public ListCommand(CliContext context)
        : base("list", "List API tokens (names and prefixes, never secrets).", context)
    {
        Options.Add(all);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var tokens = await WithClientAsync(parseResult, client => parseResult.GetValue(all) ? client.Tokens.ListAllAsync(cancellationToken) : client.Tokens.ListAsync(cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(tokens, CliJsonContext.Default.IReadOnlyListTokenResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var now = Context.Environment.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var table = Cells.NewTable("ID", "Name", "Prefix", "Owner", "Workspace", "Max", "Status", "Created", "Expires", "Last used");
        foreach (var token in tokens)
        {
            table.AddTextRow(
                Cells.Number(token.Id), token.Name, token.Prefix, token.Principal, token.Workspace, token.MaxPermission, StatusOf(token, now),
                Cells.Time(token.CreatedAt), Cells.Time(token.ExpiresAt), Cells.Time(token.LastUsedAt));
        }

        output.Write(table);
        return ExitCodes.Success;
    }

    private static string StatusOf(TokenResponse token, long now) =>
        token.RevokedAt is not null ? "revoked"
        : token.ExpiresAt <= now ? "expired"
        : "active";
}
