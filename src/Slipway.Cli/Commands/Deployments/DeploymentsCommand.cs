using System.CommandLine;

namespace Slipway.Cli.Commands.Deployments;

/// <summary><c>slipway deployments</c>: the group of deployment verbs (the serving control plane).</summary>
internal sealed class DeploymentsCommand : Command
{
    public DeploymentsCommand(CliContext context)
        : base("deployments", "Create, list, show, update and delete deployments: the names clients call, and their routes to model versions.")
    {
        Subcommands.Add(new CreateCommand(context));
        Subcommands.Add(new ListCommand(context));
        Subcommands.Add(new GetCommand(context));
        Subcommands.Add(new UpdateCommand(context));
        Subcommands.Add(new DeleteCommand(context));
    }
}
