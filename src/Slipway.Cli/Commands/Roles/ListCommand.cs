using System.CommandLine;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Roles;

/// <summary><c>slipway roles list --workspace ws</c>: each role with its permissions and capabilities.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<string> workspace = WorkspaceOption.Create();

    public ListCommand(CliContext context)
        : base("list", "List the built-in roles and the workspace's custom roles.", context)
    {
        Options.Add(workspace);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var roles = await WithClientAsync(parseResult, client => client.Access.ListRolesAsync(parseResult.GetRequiredValue(workspace), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(roles, CliJsonContext.Default.IReadOnlyListRoleResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Name", "Kind", "Permissions", "Capabilities");
        foreach (var role in roles)
        {
            table.AddTextRow(
                role.Name,
                role.Builtin ? "built-in" : "custom",
                string.Join(", ", role.Permissions.Select(PermissionSpec.Format)),
                string.Join(", ", role.Capabilities));
        }

        output.Write(table);
        return ExitCodes.Success;
    }
}
