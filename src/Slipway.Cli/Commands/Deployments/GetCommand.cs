using System.CommandLine;

namespace Slipway.Cli.Commands.Deployments;

/// <summary><c>slipway deployments get NAME</c>: a deployment's routes and their live state.</summary>
internal sealed class GetCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The deployment's name." };

    public GetCommand(CliContext context)
        : base("get", "Show a deployment: its routes, targets, shares and state.", context)
    {
        Arguments.Add(name);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var deployment = await WithClientAsync(parseResult, client => client.Deployments.GetAsync(parseResult.GetRequiredValue(name), cancellationToken));
        await DeploymentOutput.WriteAsync(OutputFor(parseResult), deployment, cancellationToken);
        return ExitCodes.Success;
    }
}
