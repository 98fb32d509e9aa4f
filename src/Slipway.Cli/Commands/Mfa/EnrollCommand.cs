using System.CommandLine;

namespace Slipway.Cli.Commands.Mfa;

/// <summary><c>slipway mfa enroll</c>: starts TOTP enrolment and prints the otpauth URI and secret once.</summary>
internal sealed class EnrollCommand : ApiCommand
{
    public EnrollCommand(CliContext context)
        : base("enroll", "Start TOTP enrolment: prints the otpauth:// URI (for an authenticator app) and the base32 secret, once.", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var enrollment = await WithClientAsync(parseResult, client => client.Users.StartTotpEnrollmentAsync(cancellationToken));
        var output = OutputFor(parseResult);
        output.WriteLine(enrollment.OtpauthUri);
        output.WriteLine(enrollment.Secret);
        output.Info("Add it to an authenticator app, then run 'slipway mfa confirm <code>' with the code it shows. The secret is not shown again.");
        return ExitCodes.Success;
    }
}
