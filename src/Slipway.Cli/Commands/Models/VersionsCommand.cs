using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models versions &lt;name&gt;</c>: one page of a model's versions, newest first.</summary>
internal sealed class VersionsCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The registered model's name." };
    private readonly Option<int?> limit = new("--limit") { Description = "The page size, at most 100 (the default)." };
    private readonly Option<string> cursor = new("--cursor") { Description = "Continue from the cursor a previous page printed." };

    public VersionsCommand(CliContext context)
        : base("versions", "List a model's versions, newest first.", context)
    {
        Arguments.Add(name);
        Options.Add(limit);
        Options.Add(cursor);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var page = await WithClientAsync(parseResult, client =>
            client.Models.ListVersionsAsync(parseResult.GetRequiredValue(name), parseResult.GetValue(limit), parseResult.GetValue(cursor), cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(page, CliJsonContext.Default.PageModelVersionResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Version", "Stage", "Aliases", "Flavor", "Origin", "Created", "Created by", "Source");
        foreach (var v in page.Items)
        {
            table.AddTextRow(Cells.Number(v.Version), v.Stage, string.Join(", ", v.Aliases), v.Flavor, v.Origin, Cells.Time(v.CreationTime), v.CreatedBy, v.Source);
        }

        output.Write(table);
        if (page.NextCursor is not null)
        {
            output.Info($"More versions: add --cursor {page.NextCursor}");
        }

        return ExitCodes.Success;
    }
}
