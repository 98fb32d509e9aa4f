using System.CommandLine;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models unhold &lt;name&gt; &lt;version&gt; &lt;reference&gt;</c>: removes a manual hold.</summary>
internal sealed class UnholdCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();
    private readonly Argument<int> version = ModelArguments.Version();
    private readonly Argument<string> reference = new("reference") { Description = "The manual hold's label." };

    public UnholdCommand(CliContext context)
        : base("unhold", "Remove a manual hold (deployment and approval holds are removed by their owners).", context)
    {
        Arguments.Add(name);
        Arguments.Add(version);
        Arguments.Add(reference);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var model = parseResult.GetRequiredValue(name);
        var number = parseResult.GetRequiredValue(version);
        var label = parseResult.GetRequiredValue(reference);
        await WithClientAsync(parseResult, async client =>
        {
            await client.ModelLifecycle.UnholdAsync(model, number, label, cancellationToken);
            return true;
        });
        OutputFor(parseResult).Info($"Removed the manual hold '{label}' from version {number} of '{model}'.");
        return ExitCodes.Success;
    }
}
