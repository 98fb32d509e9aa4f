using System.CommandLine;

namespace Slipway.Cli.Commands.Mfa;

/// <summary><c>slipway mfa enroll|confirm</c>: TOTP enrolment for the caller (the token's owner).</summary>
internal sealed class MfaCommand : Command
{
    public MfaCommand(CliContext context)
        : base("mfa", "Enrol your account in TOTP multi-factor authentication (needs an unrestricted token of your own).")
    {
        Subcommands.Add(new EnrollCommand(context));
        Subcommands.Add(new ConfirmCommand(context));
    }
}
