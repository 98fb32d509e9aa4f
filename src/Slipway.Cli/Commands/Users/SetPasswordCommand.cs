using System.CommandLine;

namespace Slipway.Cli.Commands.Users;

/// <summary><c>slipway users set-password &lt;name&gt; --password-file path|-</c>: the user's sessions end.</summary>
internal sealed class SetPasswordCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The user's name." };
    private readonly Option<string> passwordFile = new("--password-file") { Description = "Read the password from this file, or '-' for standard input.", Required = true };

    public SetPasswordCommand(CliContext context)
        : base("set-password", "Set a user's password (at least 12 characters, not a common one).", context)
    {
        Arguments.Add(name);
        Options.Add(passwordFile);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var password = await UserOutput.ReadPasswordAsync(parseResult.GetRequiredValue(passwordFile), cancellationToken);
        var user = await WithClientAsync(parseResult, client => client.Users.SetPasswordAsync(parseResult.GetRequiredValue(name), password, cancellationToken));
        OutputFor(parseResult).Info($"Password of '{user.Name}' set; their other sessions have ended.");
        return ExitCodes.Success;
    }
}
