using System.CommandLine;

namespace Slipway.Cli.Commands.Deployments;

/// <summary><c>slipway deployments create -f income.yaml</c>: creates a deployment from a JSON or YAML file.</summary>
internal sealed class CreateCommand : ApiCommand
{
    private readonly Option<string> file = DeploymentFile.Option();

    public CreateCommand(CliContext context)
        : base("create", "Create a deployment from a JSON or YAML file.", context)
    {
        Options.Add(file);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var (content, mediaType) = DeploymentFile.Read(parseResult.GetRequiredValue(file));
        var created = await WithClientAsync(parseResult, client => client.Deployments.CreateFromDocumentAsync(content, mediaType, cancellationToken));
        var output = OutputFor(parseResult);
        await DeploymentOutput.WriteAsync(output, created, cancellationToken);
        output.Info($"Created deployment '{created.Deployment.Name}'.");
        return ExitCodes.Success;
    }
}
