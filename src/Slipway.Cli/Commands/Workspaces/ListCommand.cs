using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Workspaces;

/// <summary><c>slipway workspaces list</c>: the workspaces the caller holds a role or grant in (all for platform admins).</summary>
internal sealed class ListCommand : ApiCommand
{
    public ListCommand(CliContext context)
        : base("list", "List the workspaces you can see.", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var workspaces = await WithClientAsync(parseResult, client => client.Workspaces.ListAsync(cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(workspaces, CliJsonContext.Default.IReadOnlyListWorkspaceResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Name", "Description", "Created");
        foreach (var workspace in workspaces)
        {
            table.AddTextRow(workspace.Name, workspace.Description, Cells.Time(workspace.CreatedAt));
        }

        output.Write(table);
        return ExitCodes.Success;
    }
}
