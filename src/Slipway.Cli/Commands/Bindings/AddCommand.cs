using System.CommandLine;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Bindings;

/// <summary><c>slipway bindings add &lt;role&gt; --user name | --group name --workspace ws</c>.</summary>
internal sealed class AddCommand : ApiCommand
{
    private readonly Argument<string> role = new("role") { Description = "A built-in role (Viewer, Data Scientist, Workspace Admin, …) or a custom role." };

    private readonly Option<string> workspace = WorkspaceOption.Create();

    private readonly PrincipalOptions principal = new();

    public AddCommand(CliContext context)
        : base("add", "Give a user, service account or group a role in the workspace.", context)
    {
        Arguments.Add(role);
        Options.Add(workspace);
        principal.AddTo(this);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new CreateBindingRequest(parseResult.GetRequiredValue(role), parseResult.GetValue(principal.User), parseResult.GetValue(principal.Group));
        var binding = await WithClientAsync(parseResult, client => client.Access.AddBindingAsync(parseResult.GetRequiredValue(workspace), request, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(binding, CliJsonContext.Default.BindingResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"{binding.PrincipalKind} '{binding.Principal}' now holds '{binding.Role}' in workspace '{binding.Workspace}' (binding {binding.Id}).");
        }

        return ExitCodes.Success;
    }
}
