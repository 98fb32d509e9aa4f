using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Client;

namespace Slipway.Cli.Commands.Runs;

/// <summary><c>slipway runs list</c>: one page of runs; the next page's cursor goes to standard error.</summary>
internal sealed class ListCommand : ApiCommand
{
    private readonly Option<string[]> experimentIds = new("--experiment-id")
    {
        Description = "An experiment to search; repeat for several. Default: experiment 0.",
        HelpName = "id",
    };

    private readonly Option<string> filter = new("--filter") { Description = "A filter such as \"metrics.rmse < 1 and params.model = 'tree'\"." };
    private readonly Option<string[]> orderBy = new("--order-by") { Description = "A sort key such as \"metrics.rmse ASC\"; repeat for several." };
    private readonly Option<string> view = new("--view") { Description = "active_only (default), deleted_only or all." };
    private readonly Option<int?> limit = new("--limit") { Description = "The page size, at most 100 (the default)." };
    private readonly Option<string> cursor = new("--cursor") { Description = "Continue from the cursor a previous page printed." };

    public ListCommand(CliContext context)
        : base("list", "List runs, newest first unless --order-by says otherwise.", context)
    {
        view.AcceptOnlyFromAmong("active_only", "deleted_only", "all");
        Options.Add(experimentIds);
        Options.Add(filter);
        Options.Add(orderBy);
        Options.Add(view);
        Options.Add(limit);
        Options.Add(cursor);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var query = new RunQuery
        {
            ExperimentIds = parseResult.GetValue(experimentIds) ?? [],
            Filter = parseResult.GetValue(filter),
            OrderBy = parseResult.GetValue(orderBy) ?? [],
            View = parseResult.GetValue(view),
            Limit = parseResult.GetValue(limit),
            Cursor = parseResult.GetValue(cursor),
        };
        var page = await WithClientAsync(parseResult, client => client.Runs.ListAsync(query, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(page, CliJsonContext.Default.PageRunResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Run ID", "Name", "Experiment", "Status", "Started", "Ended");
        foreach (var run in page.Items)
        {
            table.AddTextRow(run.Id, run.Name, run.ExperimentId, run.Status, Cells.Time(run.StartTime), Cells.Time(run.EndTime));
        }

        output.Write(table);
        if (page.NextCursor is not null)
        {
            output.Info($"More runs: add --cursor {page.NextCursor}");
        }

        return ExitCodes.Success;
    }
}
