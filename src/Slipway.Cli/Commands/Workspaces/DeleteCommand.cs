using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Workspaces;

/// <summary><c>slipway workspaces delete &lt;name&gt;</c>: only an empty workspace, never <c>default</c>.</summary>
internal sealed class DeleteCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The workspace to delete." };

    public DeleteCommand(CliContext context)
        : base("delete", "Delete an empty workspace with its roles, bindings, grants and bound tokens (platform admin).", context)
    {
        Arguments.Add(name);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var deleted = await WithClientAsync(parseResult, client => client.Workspaces.DeleteAsync(parseResult.GetRequiredValue(name), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(deleted, CliJsonContext.Default.WorkspaceResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"Deleted workspace '{deleted.Name}'.");
        }

        return ExitCodes.Success;
    }
}
