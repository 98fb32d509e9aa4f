using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models list</c>: one page of registered models; the next page's cursor goes to standard error.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<string> filter = new("--filter") { Description = "A filter such as \"name LIKE 'churn%'\"." };
    private readonly Option<int?> limit = new("--limit") { Description = "The page size, at most 1000 (default 100)." };
    private readonly Option<string> cursor = new("--cursor") { Description = "Continue from the cursor a previous page printed." };

    public ListCommand(CliContext context)
        : base("list", "List registered models.", context)
    {
        Options.Add(filter);
        Options.Add(limit);
        Options.Add(cursor);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var page = await WithClientAsync(parseResult, client =>
            client.Models.ListAsync(parseResult.GetValue(filter), parseResult.GetValue(limit), parseResult.GetValue(cursor), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(page, CliJsonContext.Default.PageRegisteredModelResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Name", "Latest", "Aliases", "Updated", "Description");
        foreach (var model in page.Items)
        {
            var latest = model.LatestVersions.Count == 0 ? "" : Cells.Number(model.LatestVersions.Max(v => v.Version));
            var aliases = string.Join(", ", model.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}→{a.Value}"));
            table.AddTextRow(model.Name, latest, aliases, Cells.Time(model.LastUpdateTime), model.Description);
        }

        output.Write(table);
        if (page.NextCursor is not null)
        {
            output.Info($"More models: add --cursor {page.NextCursor}");
        }

        return ExitCodes.Success;
    }
}
