using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Models;

/// <summary>
/// <c>slipway models hold &lt;name&gt; &lt;version&gt; [reference]</c>: places a manual hold, so that retention keeps the
/// version and it cannot be archived; without a reference, lists the version's holds of every kind.
/// </summary>
internal sealed class HoldCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();
    private readonly Argument<int> version = ModelArguments.Version();
    private readonly Argument<string?> reference = new("reference") { Description = "A label for the hold, such as a ticket id. Leave out to list the holds.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> reason = new("--reason") { Description = "Why the version must stay." };

    public HoldCommand(CliContext context)
        : base("hold", "Hold a version (or list its holds): retention never archives a held version nor deletes its files.", context)
    {
        Arguments.Add(name);
        Arguments.Add(version);
        Arguments.Add(reference);
        Options.Add(reason);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var model = parseResult.GetRequiredValue(name);
        var number = parseResult.GetRequiredValue(version);
        var output = OutputFor(parseResult);
        if (parseResult.GetValue(reference) is { Length: > 0 } label)
        {
            var hold = await WithClientAsync(parseResult, client => client.ModelLifecycle.HoldAsync(model, number, label, parseResult.GetValue(reason), cancellationToken));
            if (output.Json)
            {
                await output.WriteJsonAsync(hold, CliJsonContext.Default.HoldResponse, cancellationToken);
            }
            else
            {
                output.WriteLine($"Version {number} of '{model}' is held ({hold.Kind} '{hold.Reference}').");
            }

            return ExitCodes.Success;
        }

        var holds = await WithClientAsync(parseResult, client => client.ModelLifecycle.ListHoldsAsync(model, number, cancellationToken));
        if (output.Json)
        {
            await output.WriteJsonAsync(holds, CliJsonContext.Default.IReadOnlyListHoldResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Kind", "Reference", "Reason", "By", "Since");
        foreach (var hold in holds)
        {
            table.AddTextRow(hold.Kind, hold.Reference, hold.Reason, hold.CreatedBy, Cells.Time(hold.CreatedAt));
        }

        output.Write(table);
        return ExitCodes.Success;
    }
}
