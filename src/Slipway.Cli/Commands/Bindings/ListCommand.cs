using System.CommandLine;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Bindings;

/// <summary><c>slipway bindings list --workspace ws</c>.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<string> workspace = WorkspaceOption.Create();

    public ListCommand(CliContext context)
        : base("list", "List who holds which role in the workspace.", context)
    {
        Options.Add(workspace);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var bindings = await WithClientAsync(parseResult, client => client.Access.ListBindingsAsync(parseResult.GetRequiredValue(workspace), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(bindings, CliJsonContext.Default.IReadOnlyListBindingResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("ID", "Role", "Kind", "Principal", "Created", "By");
        foreach (var binding in bindings)
        {
            table.AddTextRow(Cells.Number(binding.Id), binding.Role, binding.PrincipalKind, binding.Principal, Cells.Time(binding.CreatedAt), binding.CreatedBy);
        }

        output.Write(table);
        return ExitCodes.Success;
    }
}
