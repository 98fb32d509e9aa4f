using System.CommandLine;

namespace Slipway.Cli.Commands.Mfa;

/// <summary><c>slipway mfa confirm &lt;code&gt;</c>: activates TOTP and prints the recovery codes once.</summary>
internal sealed class ConfirmCommand : ApiCommand
{
    private readonly Argument<string> code = new("code") { Description = "The 6-digit code the authenticator app shows now." };

    public ConfirmCommand(CliContext context)
        : base("confirm", "Activate TOTP with a current code; prints ten single-use recovery codes, once.", context)
    {
        Arguments.Add(code);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var codes = await WithClientAsync(parseResult, client => client.Users.ConfirmTotpAsync(parseResult.GetRequiredValue(code), cancellationToken));
        var output = OutputFor(parseResult);
        foreach (var recovery in codes.RecoveryCodes)
        {
            output.WriteLine(recovery);
        }

        output.Info("MFA is on. Keep these recovery codes somewhere safe: each works once, and they are not shown again.");
        return ExitCodes.Success;
    }
}
