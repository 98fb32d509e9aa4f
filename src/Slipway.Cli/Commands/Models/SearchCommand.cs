using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Client;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models search [text]</c>: catalog search with filters; facet counts go to standard error.</summary>
internal sealed class SearchCommand : ApiCommand
{
    private readonly Argument<string?> text = new("text") { Description = "Words to find in names, descriptions, tags and model cards.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string[]> tags = new("--tag") { Description = "key:value, or key; repeat for several." };
    private readonly Option<string[]> metrics = new("--metric") { Description = "A card metric threshold such as accuracy>=0.8; repeat for several." };
    private readonly Option<string> flavor = new("--flavor") { Description = "A flavor such as onnx." };
    private readonly Option<string> origin = new("--origin") { Description = "in_house or third_party." };
    private readonly Option<string> stage = new("--stage") { Description = "None, Staging, Production or Archived." };
    private readonly Option<bool> includeArchived = new("--include-archived") { Description = "Include archived versions." };
    private readonly Option<int?> limit = new("--limit") { Description = "The page size, at most 100 (default 20)." };
    private readonly Option<string> cursor = new("--cursor") { Description = "Continue from the cursor a previous page printed." };

    public SearchCommand(CliContext context)
        : base("search", "Search the model catalog (syntax: docs/catalog-search.md).", context)
    {
        Arguments.Add(text);
        Options.Add(tags);
        Options.Add(metrics);
        Options.Add(flavor);
        Options.Add(origin);
        Options.Add(stage);
        Options.Add(includeArchived);
        Options.Add(limit);
        Options.Add(cursor);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var query = new CatalogQuery
        {
            Text = parseResult.GetValue(text),
            Tags = parseResult.GetValue(tags) ?? [],
            Metrics = parseResult.GetValue(metrics) ?? [],
            Flavor = parseResult.GetValue(flavor),
            Origin = parseResult.GetValue(origin),
            Stage = parseResult.GetValue(stage),
            IncludeArchived = parseResult.GetValue(includeArchived),
            Limit = parseResult.GetValue(limit),
            Cursor = parseResult.GetValue(cursor),
        };
        var result = await WithClientAsync(parseResult, client => client.Models.SearchAsync(query, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(result, CliJsonContext.Default.CatalogSearchResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Model", "Version", "Stage", "Aliases", "Flavor", "Origin", "Unsafe", "Metrics", "Description");
        foreach (var hit in result.Items)
        {
            var keyMetrics = string.Join(", ", hit.Metrics.Select(m => $"{m.Key}={Cells.Number(m.Value)}"));
            table.AddTextRow(hit.Name, Cells.Number(hit.Version), hit.Stage, string.Join(", ", hit.Aliases), hit.Flavor, hit.Origin,
                hit.UnsafeFormat ? ShowCommand.UnsafeMark : "", keyMetrics, hit.Snippet);
        }

        output.Write(table);
        output.Info($"{result.Total} matching versions.");
        if (result.Items.Count(h => h.UnsafeFormat) is var unsafeCount and > 0)
        {
            output.Warn($"{ShowCommand.UnsafeMark}: {unsafeCount} of these versions use an unsafe format; loading them executes code (pickle). Slipway never loads them.");
        }

        foreach (var (facet, counts) in result.Facets.Where(f => f.Value.Count > 0))
        {
            output.Info($"{facet}: {string.Join(", ", counts.Select(c => $"{c.Value} ({c.Count})"))}");
        }

        if (result.NextCursor is not null)
        {
            output.Info($"More results: add --cursor {result.NextCursor}");
        }

        return ExitCodes.Success;
    }
}
