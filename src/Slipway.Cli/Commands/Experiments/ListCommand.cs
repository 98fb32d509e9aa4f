using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Client;

namespace Slipway.Cli.Commands.Experiments;

/// <summary><c>slipway experiments list</c>: one page of experiments; the next page's cursor goes to standard error.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<string> filter = new("--filter") { Description = "A filter such as \"name LIKE 'churn%'\" (MLflow experiment search grammar)." };
    private readonly Option<string> view = new("--view") { Description = "active_only (default), deleted_only or all." };
    private readonly Option<int?> limit = new("--limit") { Description = "The page size, at most 100 (the default)." };
    private readonly Option<string> cursor = new("--cursor") { Description = "Continue from the cursor a previous page printed." };

    public ListCommand(CliContext context)
        : base("list", "List experiments.", context)
    {
        view.AcceptOnlyFromAmong("active_only", "deleted_only", "all");
        Options.Add(filter);
        Options.Add(view);
        Options.Add(limit);
        Options.Add(cursor);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var query = new ExperimentQuery
        {
            Filter = parseResult.GetValue(filter),
            View = parseResult.GetValue(view),
            Limit = parseResult.GetValue(limit),
            Cursor = parseResult.GetValue(cursor),
        };
        var page = await WithClientAsync(parseResult, client => client.Experiments.ListAsync(query, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(page, CliJsonContext.Default.PageExperimentResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("ID", "Name", "Stage", "Created", "Artifact location");
        foreach (var e in page.Items)
        {
            table.AddTextRow(e.Id, e.Name, e.LifecycleStage, Cells.Time(e.CreationTime), e.ArtifactLocation);
        }

        output.Write(table);
        if (page.NextCursor is not null)
        {
            output.Info($"More experiments: add --cursor {page.NextCursor}");
        }

        return ExitCodes.Success;
    }
}
