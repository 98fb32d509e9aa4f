using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Models;

/// <summary>
/// <c>slipway models history &lt;name&gt; [version]</c>: who changed what and when, newest first; with
/// <c>--alias champion --at 2026-11-01T00:00:00Z</c>: which version the alias pointed to then, who put it there,
/// and that version's run and data.
/// </summary>
internal sealed class HistoryCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();
    private readonly Argument<int?> version = new("version") { Description = "A version; leave out for the whole model.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<int?> limit = new("--limit") { Description = "The page size (default 100, at most 1000)." };
    private readonly Option<string> cursor = new("--cursor") { Description = "Continue from the cursor a previous page printed." };
    private readonly Option<string> alias = new("--alias") { Description = "With --at: the alias to look up (e.g. champion)." };
    private readonly Option<DateTimeOffset?> at = new("--at") { Description = "With --alias: the instant, ISO-8601 (2026-11-01T00:00:00Z)." };

    public HistoryCommand(CliContext context)
        : base("history", "Show the history of a model or one of its versions, newest first.", context)
    {
        Arguments.Add(name);
        Arguments.Add(version);
        Options.Add(limit);
        Options.Add(cursor);
        Options.Add(alias);
        Options.Add(at);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var model = parseResult.GetRequiredValue(name);
        if (parseResult.GetValue(alias) is { Length: > 0 } aliasName)
        {
            return await AliasAtAsync(parseResult, model, aliasName, parseResult.GetValue(at) ?? TimeProvider.System.GetUtcNow(), cancellationToken);
        }

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

    private async Task<int> AliasAtAsync(ParseResult parseResult, string model, string aliasName, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var answer = await WithClientAsync(parseResult, client => client.ModelLifecycle.GetAliasAtAsync(model, aliasName, instant, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(answer, CliJsonContext.Default.AliasAtResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Field", "Value");
        table.AddTextRow("Alias", $"{answer.Model}@{answer.Alias}");
        table.AddTextRow("At", Cells.Time(answer.At));
        table.AddTextRow("Version", answer.Version?.ToString(CultureInfo.InvariantCulture) ?? "(not set)");
        table.AddTextRow("Set by", answer.SetBy);
        table.AddTextRow("Set at", Cells.Time(answer.SetAt));
        if (answer.Provenance is { } p)
        {
            table.AddTextRow("Created by", p.CreatedBy);
            table.AddTextRow("Source", p.Source);
            table.AddTextRow("Run", p.RunId is null ? null : $"{p.RunId} ({p.RunName}, experiment {p.ExperimentId})");
            table.AddTextRow("Datasets", string.Join(", ", p.Datasets.Select(d => $"{d.Name} {d.Digest}")));
        }

        output.Write(table);
        return ExitCodes.Success;
    }
}
