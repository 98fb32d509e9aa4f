using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models history &lt;name&gt; [version]</c>: who changed what and when, newest first.</summary>
internal sealed class HistoryCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();
    private readonly Argument<int?> version = new("version") { Description = "A version; leave out for the whole model.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<int?> limit = new("--limit") { Description = "The page size (default 100, at most 1000)." };
    private readonly Option<string> cursor = new("--cursor") { Description = "Continue from the cursor a previous page printed." };

    public HistoryCommand(CliContext context)
        : base("history", "Show the history of a model or one of its versions, newest first.", context)
    {
        Arguments.Add(name);
        Arguments.Add(version);
        Options.Add(limit);
        Options.Add(cursor);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var model = parseResult.GetRequiredValue(name);
        var number = parseResult.GetValue(version);
        var size = parseResult.GetValue(limit);
        var from = parseResult.GetValue(cursor);
        var page = await WithClientAsync(parseResult, client => number is { } v
            ? client.ModelLifecycle.GetVersionHistoryAsync(model, v, size, from, cancellationToken)
            : client.ModelLifecycle.GetModelHistoryAsync(model, size, from, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(page, CliJsonContext.Default.PageRegistryEventResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Time", "Version", "Entity", "Action", "Actor", "Change");
        foreach (var e in page.Items)
        {
            table.AddTextRow(
                Cells.Time(e.Timestamp), e.Version?.ToString(CultureInfo.InvariantCulture), e.Entity, e.Action, e.Actor,
                e.Data.ValueKind == JsonValueKind.Undefined ? "" : e.Data.GetRawText());
        }

        output.Write(table);
        if (page.NextCursor is not null)
        {
            output.Info($"Older events: add --cursor {page.NextCursor}");
        }

        return ExitCodes.Success;
    }
}
