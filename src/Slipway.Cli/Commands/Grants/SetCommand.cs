using System.CommandLine;
using Slipway.Cli.Commands.Bindings;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Grants;

/// <summary><c>slipway grants set --user bob --resource-type experiment --resource-id 42 --level EDIT --workspace ws</c>.</summary>
internal sealed class SetCommand : ApiCommand
{
    private readonly Option<string> workspace = WorkspaceOption.Create();

    private readonly PrincipalOptions principal = new();

    private readonly Option<string> resourceType = new("--resource-type") { Description = "experiment or registered_model.", Required = true };

    private readonly Option<string> resourceId = new("--resource-id") { Description = "An experiment id, or a registered model's name or id.", Required = true };

    private readonly Option<string> level = new("--level") { Description = "READ, USE, EDIT or MANAGE.", Required = true };

    public SetCommand(CliContext context)
        : base("set", "Give a user or group a level on one experiment or registered model, replacing any earlier level.", context)
    {
        Options.Add(workspace);
        principal.AddTo(this);
        Options.Add(resourceType);
        Options.Add(resourceId);
        Options.Add(level);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var request = new SetGrantRequest(
            parseResult.GetRequiredValue(resourceType),
            parseResult.GetRequiredValue(resourceId),
            parseResult.GetRequiredValue(level),
            parseResult.GetValue(principal.User),
            parseResult.GetValue(principal.Group));
        var grant = await WithClientAsync(parseResult, client => client.Access.SetGrantAsync(parseResult.GetRequiredValue(workspace), request, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(grant, CliJsonContext.Default.GrantResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"{grant.PrincipalKind} '{grant.Principal}' holds {grant.Level} on {grant.ResourceType} {grant.ResourceId} (grant {grant.Id}).");
        }

        return ExitCodes.Success;
    }
}
