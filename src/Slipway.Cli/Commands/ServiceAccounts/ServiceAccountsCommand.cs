using System.CommandLine;
using Slipway.Cli.Commands.Users;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.ServiceAccounts;

/// <summary><c>slipway service-accounts create &lt;name&gt;</c>: accounts for applications, tokens only.</summary>
internal sealed class ServiceAccountsCommand : Command
{
    public ServiceAccountsCommand(CliContext context)
        : base("service-accounts", "Create service accounts: tokens only, never a password (needs a platform admin token).")
    {
        Subcommands.Add(new CreateCommand(context));
    }

    private sealed class CreateCommand : ApiCommand
    {
        private readonly Argument<string> name = new("name") { Description = "The account's name, such as ci-bot." };
        private readonly Option<string?> displayName = new("--display-name") { Description = "The name shown in the UI." };

        public CreateCommand(CliContext context)
            : base("create", "Create a service account.", context)
        {
            Arguments.Add(name);
            Options.Add(displayName);
        }

        protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            var request = new CreateServiceAccountRequest(parseResult.GetRequiredValue(name), parseResult.GetValue(displayName));
            var account = await WithClientAsync(parseResult, client => client.Users.CreateServiceAccountAsync(request, cancellationToken));
            await UserOutput.WriteAsync(OutputFor(parseResult), account, cancellationToken);
            return ExitCodes.Success;
        }
    }
}
