using System.CommandLine;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Users;

/// <summary><c>slipway users create &lt;name&gt; [--admin] [--display-name] [--email] [--password-file path|-]</c>.</summary>
internal sealed class CreateCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "Login name: letters, digits, '.', '_', '@', '-'." };
    private readonly Option<bool> admin = new("--admin") { Description = "Make the user a platform admin (they must enrol MFA before signing in with a password)." };
    private readonly Option<string?> displayName = new("--display-name") { Description = "The name shown in the UI." };
    private readonly Option<string?> email = new("--email") { Description = "The user's email address." };
    private readonly Option<string?> passwordFile = new("--password-file") { Description = "Read an initial password from this file, or '-' for standard input." };

    public CreateCommand(CliContext context)
        : base("create", "Create a user.", context)
    {
        Arguments.Add(name);
        Options.Add(admin);
        Options.Add(displayName);
        Options.Add(email);
        Options.Add(passwordFile);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var password = parseResult.GetValue(passwordFile) is { } path ? await UserOutput.ReadPasswordAsync(path, cancellationToken) : null;
        var request = new CreateUserRequest(parseResult.GetRequiredValue(name), parseResult.GetValue(displayName), parseResult.GetValue(email), parseResult.GetValue(admin), password);
        var user = await WithClientAsync(parseResult, client => client.Users.CreateAsync(request, cancellationToken));
        await UserOutput.WriteAsync(OutputFor(parseResult), user, cancellationToken);
        return ExitCodes.Success;
    }
}
