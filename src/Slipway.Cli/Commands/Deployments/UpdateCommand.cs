using System.CommandLine;

namespace Slipway.Cli.Commands.Deployments;

/// <summary><c>slipway deployments update NAME -f FILE</c>: replaces a deployment with the file's spec.</summary>
internal sealed class UpdateCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The deployment to replace." };
    private readonly Option<string> file = DeploymentFile.Option();

    public UpdateCommand(CliContext context)
        : base("update", "Replace a deployment with the spec in a JSON or YAML file (the name cannot change).", context)
    {
        Arguments.Add(name);
        Options.Add(file);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var deployment = parseResult.GetRequiredValue(name);
        var (content, mediaType) = DeploymentFile.Read(parseResult.GetRequiredValue(file));
        var updated = await WithClientAsync(parseResult, client => client.Deployments.UpdateFromDocumentAsync(deployment, content, mediaType, cancellationToken));
        var output = OutputFor(parseResult);
        await DeploymentOutput.WriteAsync(output, updated, cancellationToken);
        output.Info($"Updated deployment '{deployment}' (generation {updated.Generation}).");
        return ExitCodes.Success;
    }
}
