using System.CommandLine;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Bindings;

/// <summary><c>slipway bindings remove &lt;id&gt; --workspace ws</c>.</summary>
internal sealed class RemoveCommand : ApiCommand
{
    private readonly Argument<long> id = new("id") { Description = "The binding's id, from 'slipway bindings list'." };

    private readonly Option<string> workspace = WorkspaceOption.Create();

    public RemoveCommand(CliContext context)
        : base("remove", "Remove a role binding.", context)
    {
        Arguments.Add(id);
        Options.Add(workspace);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var binding = await WithClientAsync(
            parseResult, client => client.Access.RemoveBindingAsync(parseResult.GetRequiredValue(workspace), parseResult.GetValue(id), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(binding, CliJsonContext.Default.BindingResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"Removed '{binding.Role}' from {binding.PrincipalKind} '{binding.Principal}'.");
        }

        return ExitCodes.Success;
    }
}
