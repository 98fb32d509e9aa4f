using System.CommandLine;
using Slipway.Cli.Commands.Artifacts;
using Slipway.Cli.Commands.Experiments;
using Slipway.Cli.Commands.Models;
using Slipway.Cli.Commands.Runs;
using Slipway.Cli.Commands.Server;
using Slipway.Cli.Commands.Audit;
using Slipway.Cli.Commands.Groups;
using Slipway.Cli.Commands.ServiceAccounts;
using Slipway.Cli.Commands.Tokens;
using Slipway.Cli.Commands.Users;

namespace Slipway.Cli;

/// <summary>The <c>slipway</c> command line; the entry point, callable in-process.</summary>
public static class SlipwayCli
{
    /// <summary>
    /// Parses and runs <paramref name="args"/>, writing data to <paramref name="stdout"/> and messages to
    /// <paramref name="stderr"/>, and returns the exit code (see the ExitCodes class).
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, CliEnvironment.FromProcess(stdout, stderr), cancellationToken);

    internal static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var context = new CliContext(environment);
        var root = new RootCommand("Slipway: experiment tracking, model registry and serving, MLflow-compatible.")
        {
            new ServerCommand(context),
            new ExperimentsCommand(context),
            new RunsCommand(context),
            new ModelsCommand(context),
            new Commands.Deployments.DeploymentsCommand(context),
            new Commands.Predict.PredictCommand(context),
            new ArtifactsCommand(context),
            new TokenCommand(context),
            new UsersCommand(context),
            new Commands.Mfa.MfaCommand(context),
            new ServiceAccountsCommand(context),
            new GroupsCommand(context),
            new AuditCommand(context),
            new Commands.Workspaces.WorkspacesCommand(context),
            new Commands.Roles.RolesCommand(context),
            new Commands.Bindings.BindingsCommand(context),
            new Commands.Grants.GrantsCommand(context),
        };

        var parseResult = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = environment.Stdout, Error = environment.Stderr };
        if (parseResult.Errors.Count > 0 && parseResult.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Stderr.WriteLineAsync(error.Message);
            }

            await environment.Stderr.WriteLineAsync("Run 'slipway --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(invocation, cancellationToken);
    }
}
