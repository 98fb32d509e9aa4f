using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Contracts.Serving;

namespace Slipway.Cli.Commands.Tokens;

/// <summary>
/// <c>slipway token limits ID [--default-tier …] [--max-tier …] [--rate …] [--burst …] [--daily-requests …] [--daily-rows …]</c>:
/// sets a token's serving limits (needs manage_quotas in the token's workspace). Every limit is replaced: one left out is cleared.
/// </summary>
internal sealed class LimitsCommand : ApiCommand
{
    private readonly Argument<long> id = new("id") { Description = "The token's numeric id (see slipway token list)." };
    private readonly Option<string?> defaultTier = new("--default-tier") { Description = "Tier of requests that ask for none (default: standard).", HelpName = "tier" };
    private readonly Option<string?> maxTier = new("--max-tier") { Description = "Highest tier a request may ask for (default: standard).", HelpName = "tier" };
    private readonly Option<double?> rate = new("--rate") { Description = "Requests per second refilled into the token bucket (default: no rate limit).", HelpName = "per-second" };
    private readonly Option<int?> burst = new("--burst") { Description = "Token bucket size (default: the rate rounded up).", HelpName = "requests" };
    private readonly Option<long?> dailyRequests = new("--daily-requests") { Description = "Requests per UTC day (default: unlimited).", HelpName = "n" };
    private readonly Option<long?> dailyRows = new("--daily-rows") { Description = "Rows per UTC day (default: unlimited).", HelpName = "n" };

    public LimitsCommand(CliContext context)
        : base("limits", "Set a token's serving tiers, rate and daily quotas (limits left out are cleared).", context)
    {
        defaultTier.AcceptOnlyFromAmong("critical", "standard", "sheddable");
        maxTier.AcceptOnlyFromAmong("critical", "standard", "sheddable");
        Arguments.Add(id);
        Options.Add(defaultTier);
        Options.Add(maxTier);
        Options.Add(rate);
        Options.Add(burst);
        Options.Add(dailyRequests);
        Options.Add(dailyRows);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new TokenLimitsRequest(
            parseResult.GetValue(defaultTier), parseResult.GetValue(maxTier), parseResult.GetValue(rate), parseResult.GetValue(burst),
            parseResult.GetValue(dailyRequests), parseResult.GetValue(dailyRows));
        var token = await WithClientAsync(parseResult, client => client.Tokens.SetLimitsAsync(parseResult.GetRequiredValue(id), request, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(token, CliJsonContext.Default.TokenResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var limits = token.Limits;
        output.WriteLine(limits is null
            ? $"Token {token.Id} ('{token.Name}') has no serving limits."
            : $"Token {token.Id} ('{token.Name}'): tier {limits.DefaultTier ?? "standard"} (max {limits.MaxTier ?? "standard"}), "
              + $"rate {(limits.RatePerSecond is { } r ? Cells.Number(r) + "/s" : "unlimited")}, burst {(limits.Burst is { } b ? Cells.Number(b) : "-")}, "
              + $"daily requests {(limits.DailyRequestQuota is { } q ? Cells.Number(q) : "unlimited")}, daily rows {(limits.DailyRowQuota is { } w ? Cells.Number(w) : "unlimited")}.");
        return ExitCodes.Success;
    }
}
