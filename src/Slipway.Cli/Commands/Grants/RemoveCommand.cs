using System.CommandLine;
using Slipway.Cli.Commands.Workspaces;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Grants;

/// <summary><c>slipway grants remove &lt;id&gt; --workspace ws</c>.</summary>
internal sealed class RemoveCommand : ApiCommand
{
    private readonly Argument<long> id = new("id") { Description = "The grant's id, from 'slipway grants list'." };

    private readonly Option<string> workspace = WorkspaceOption.Create();

    public RemoveCommand(CliContext context)
        : base("remove", "Remove a direct grant.", context)
    {
        Arguments.Add(id);
        Options.Add(workspace);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var grant = await WithClientAsync(
            parseResult, client => client.Access.RemoveGrantAsync(parseResult.GetRequiredValue(workspace), parseResult.GetValue(id), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(grant, CliJsonContext.Default.GrantResponse, cancellationToken);
        }
        else
        {
            output.WriteLine($"Removed {grant.Level} on {grant.ResourceType} {grant.ResourceId} from {grant.PrincipalKind} '{grant.Principal}'.");
        }

        return ExitCodes.Success;
    }
}
