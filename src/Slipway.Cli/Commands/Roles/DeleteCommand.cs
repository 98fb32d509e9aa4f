using System.CommandLine;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Roles;

/// <summary><c>slipway roles delete &lt;name&gt; --workspace ws</c>: a custom role and its bindings; built-in roles stay.</summary>
internal sealed class DeleteCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The custom role to delete." };

    private readonly Option<string> workspace = WorkspaceOption.Create();

    public DeleteCommand(CliContext context)
        : base("delete", "Delete a custom role and every binding of it.", context)
    {
        Arguments.Add(name);
        Options.Add(workspace);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var role = await WithClientAsync(
            parseResult, client => client.Access.DeleteRoleAsync(parseResult.GetRequiredValue(workspace), parseResult.GetRequiredValue(name), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(role, CliJsonContext.Default.RoleResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"Deleted role '{role.Name}'.");
        }

        return ExitCodes.Success;
    }
}
