using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Runs;

/// <summary><c>slipway runs show &lt;run_id&gt;</c>: one run with its latest metrics, params and tags.</summary>
internal sealed class ShowCommand : ApiCommand
{
    private readonly Argument<string> runId = new("run_id") { Description = "The run id." };

    public ShowCommand(CliContext context)
        : base("show", "Show a run with its latest metrics, params and tags.", context)
    {
        Arguments.Add(runId);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var id = parseResult.GetRequiredValue(runId);
        var run = await WithClientAsync(parseResult, client => client.Runs.GetAsync(id, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(run, CliJsonContext.Default.RunResponse, cancellationToken);
            return ExitCodes.Success;
        }

        output.Write(Cells.NewTable("Field", "Value")
            .AddTextRow("Run ID", run.Id)
            .AddTextRow("Name", run.Name)
            .AddTextRow("Experiment", run.ExperimentId)
            .AddTextRow("Status", run.Status)
            .AddTextRow("User", run.UserId)
            .AddTextRow("Started", Cells.Time(run.StartTime))
            .AddTextRow("Ended", Cells.Time(run.EndTime))
            .AddTextRow("Stage", run.LifecycleStage)
            .AddTextRow("Artifact URI", run.ArtifactUri));

        if (run.Metrics.Count > 0)
        {
            var metrics = Cells.NewTable("Metric", "Value", "Step", "Time");
            foreach (var (key, point) in run.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                metrics.AddTextRow(key, Cells.Number(point.Value), Cells.Number(point.Step), Cells.Time(point.Timestamp));
            }

            output.Write(metrics);
        }

        WriteKeyValues(output, "Param", run.Params);
        WriteKeyValues(output, "Tag", run.Tags);
        return ExitCodes.Success;
    }

    private static void WriteKeyValues(CliOutput output, string title, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var table = Cells.NewTable(title, "Value");
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            table.AddTextRow(key, value);
        }

        output.Write(table);
    }
}
