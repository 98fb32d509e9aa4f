using System.CommandLine;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Roles;

/// <summary>
/// <c>slipway roles create &lt;name&gt; --workspace ws --permission experiment:EDIT --capability approve</c>: a custom role;
/// the server refuses anything beyond what you hold yourself.
/// </summary>
internal sealed class CreateCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The role's name, unique in the workspace." };

    private readonly Option<string> workspace = WorkspaceOption.Create();

    private readonly Option<List<RolePermissionItem>> permissions = new("--permission", "-p")
    {
        Description = "TYPE[/ID]:LEVEL, repeatable; TYPE is *, workspace, experiment, registered_model, deployment, dataset, pipeline or webhook; LEVEL is READ, USE, EDIT or MANAGE.",
        HelpName = "type:level",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = PermissionSpec.Parse,
    };

    private readonly Option<string[]> capabilities = new("--capability", "-c")
    {
        Description = "A capability, repeatable: approve, waive_gate, audit:read, audit:export, download_artifacts, manage_tokens, manage_quotas, deploy:<env>.",
        HelpName = "capability",
    };

    private readonly Option<string?> description = new("--description") { Description = "What the role is for." };

    public CreateCommand(CliContext context)
        : base("create", "Create a custom role in a workspace.", context)
    {
        Arguments.Add(name);
        Options.Add(workspace);
        Options.Add(permissions);
        Options.Add(capabilities);
        Options.Add(description);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new RoleRequest(
            parseResult.GetRequiredValue(name),
            parseResult.GetValue(description),
            parseResult.GetValue(permissions) ?? [],
            parseResult.GetValue(capabilities) ?? []);
        var role = await WithClientAsync(parseResult, client => client.Access.CreateRoleAsync(parseResult.GetRequiredValue(workspace), request, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(role, CliJsonContext.Default.RoleResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"Created role '{role.Name}' in workspace '{parseResult.GetRequiredValue(workspace)}'.");
        }

        return ExitCodes.Success;
    }
}
