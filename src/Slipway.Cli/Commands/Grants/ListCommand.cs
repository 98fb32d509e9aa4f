using System.CommandLine;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Grants;

/// <summary><c>slipway grants list --workspace ws [--resource-type experiment [--resource-id 42]]</c>.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<string> workspace = WorkspaceOption.Create();

    private readonly Option<string?> resourceType = new("--resource-type") { Description = "experiment or registered_model." };

    private readonly Option<string?> resourceId = new("--resource-id") { Description = "One resource: an experiment id, or a registered model's name or id." };

    public ListCommand(CliContext context)
        : base("list", "List the workspace's direct grants.", context)
    {
        Options.Add(workspace);
        Options.Add(resourceType);
        Options.Add(resourceId);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var grants = await WithClientAsync(parseResult, client => client.Access.ListGrantsAsync(
            parseResult.GetRequiredValue(workspace), parseResult.GetValue(resourceType), parseResult.GetValue(resourceId), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(grants, CliJsonContext.Default.IReadOnlyListGrantResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("ID", "Kind", "Principal", "Resource", "Level", "Created", "By");
        foreach (var grant in grants)
        {
            table.AddTextRow(
                Cells.Number(grant.Id), grant.PrincipalKind, grant.Principal, $"{grant.ResourceType}/{grant.ResourceId}", grant.Level, Cells.Time(grant.CreatedAt), grant.CreatedBy);
        }

        output.Write(table);
        return ExitCodes.Success;
    }
}
