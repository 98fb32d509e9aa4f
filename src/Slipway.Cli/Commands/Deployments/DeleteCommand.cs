using System.CommandLine;

namespace Slipway.Cli.Commands.Deployments;

/// <summary><c>slipway deployments delete NAME</c>: stops serving a deployment and releases its version holds.</summary>
internal sealed class DeleteCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The deployment to delete." };

    public DeleteCommand(CliContext context)
        : base("delete", "Delete a deployment (needs MANAGE on it); its versions are no longer held.", context)
    {
        Arguments.Add(name);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var deployment = parseResult.GetRequiredValue(name);
        await WithClientAsync(parseResult, async client =>
        {
            await client.Deployments.DeleteAsync(deployment, cancellationToken);
            return true;
        });
        OutputFor(parseResult).Info($"Deleted deployment '{deployment}'.");
        return ExitCodes.Success;
    }
}
