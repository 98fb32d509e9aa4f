using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Experiments;

/// <summary><c>slipway experiments show &lt;id&gt;</c>: one experiment with its tags.</summary>
internal sealed class ShowCommand : ApiCommand
{
    private readonly Argument<string> id = new("id") { Description = "The experiment id." };

    public ShowCommand(CliContext context)
        : base("show", "Show an experiment and its tags.", context)
    {
        Arguments.Add(id);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var experimentId = parseResult.GetRequiredValue(id);
        var experiment = await WithClientAsync(parseResult, client => client.Experiments.GetAsync(experimentId, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(experiment, CliJsonContext.Default.ExperimentResponse, cancellationToken);
            return ExitCodes.Success;
        }

        output.Write(Cells.NewTable("Field", "Value")
            .AddTextRow("ID", experiment.Id)
            .AddTextRow("Name", experiment.Name)
            .AddTextRow("Stage", experiment.LifecycleStage)
            .AddTextRow("Artifact location", experiment.ArtifactLocation)
            .AddTextRow("Created", Cells.Time(experiment.CreationTime))
            .AddTextRow("Updated", Cells.Time(experiment.LastUpdateTime)));
        if (experiment.Tags.Count > 0)
        {
            var tags = Cells.NewTable("Tag", "Value");
            foreach (var (key, value) in experiment.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                tags.AddTextRow(key, value);
            }

            output.Write(tags);
        }

        return ExitCodes.Success;
    }
}
