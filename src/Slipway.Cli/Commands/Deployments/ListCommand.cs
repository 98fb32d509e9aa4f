using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Deployments;

/// <summary><c>slipway deployments list</c>: the deployments of the workspace you may read.</summary>
internal sealed class ListCommand : ApiCommand
{
    public ListCommand(CliContext context)
        : base("list", "List the deployments you can read in the workspace.", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var deployments = await WithClientAsync(parseResult, client => client.Deployments.ListAsync(cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(deployments, CliJsonContext.Default.IReadOnlyListDeploymentResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Name", "Routes", "Targets", "Generation", "Updated");
        foreach (var d in deployments)
        {
            var targets = string.Join(", ", d.Deployment.Routes.Select(r => r.Target.Alias is { } alias ? $"{r.Target.Model}@{alias}" : $"{r.Target.Model} v{r.Target.Version}").Distinct());
            table.AddTextRow(d.Deployment.Name, Cells.Number(d.Deployment.Routes.Count), targets, Cells.Number(d.Generation), Cells.Time(d.UpdatedAt));
        }

        output.Write(table);
        return ExitCodes.Success;
    }
}
