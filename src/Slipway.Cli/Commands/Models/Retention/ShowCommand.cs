using System.CommandLine;

namespace Slipway.Cli.Commands.Models.Retention;

/// <summary><c>slipway models retention show &lt;name&gt;</c>.</summary>
internal sealed class ShowCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();

    public ShowCommand(CliContext context)
        : base("show", "Show a model's retention policy.", context)
    {
        Arguments.Add(name);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var policy = await WithClientAsync(parseResult, client => client.ModelLifecycle.GetRetentionAsync(parseResult.GetRequiredValue(name), cancellationToken));
        await PolicyOutput.WriteAsync(OutputFor(parseResult), policy, cancellationToken);
        return ExitCodes.Success;
    }
}
