using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Contracts.Registry;

namespace Slipway.Cli.Commands.Models.Retention;

/// <summary><c>slipway models retention run &lt;name&gt; [--dry-run]</c>: each version touched, and why.</summary>
internal sealed class RunCommand : ApiCommand
{
    private readonly Argument<string> name = ModelArguments.Name();
    private readonly Option<bool> dryRun = new("--dry-run") { Description = "Only list what would be archived and whose files would be deleted." };

    public RunCommand(CliContext context)
        : base("run", "Run a model's retention policy now.", context)
    {
        Arguments.Add(name);
        Options.Add(dryRun);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var preview = parseResult.GetValue(dryRun);
        var report = await WithClientAsync(parseResult, client => client.ModelLifecycle.RunRetentionAsync(parseResult.GetRequiredValue(name), preview, cancellationToken));
        var output = OutputFor(parseResult);
        if (output.Json)
        {
            await output.WriteJsonAsync(report, CliJsonContext.Default.RetentionRunResponse, cancellationToken);
            return ExitCodes.Success;
        }

        var table = Cells.NewTable("Version", "Action", "Reason");
        Add(table, report.Archived, preview ? "would archive" : "archived");
        Add(table, report.FilesDeleted, preview ? "would delete files" : "files deleted");
        Add(table, report.Protected, "kept");
        Add(table, report.Skipped, "skipped");
        output.Write(table);
        output.Info(preview
            ? $"Dry run: {report.Archived.Count} versions would be archived, the files of {report.FilesDeleted.Count} deleted. Nothing changed."
            : $"{report.Archived.Count} versions archived, the files of {report.FilesDeleted.Count} deleted, {report.Skipped.Count} skipped.");
        return ExitCodes.Success;
    }

    private static void Add(Spectre.Console.Table table, IReadOnlyList<RetentionItemResponse> items, string action)
    {
        foreach (var item in items)
        {
            table.AddTextRow(Cells.Number(item.Version), action, item.Reason);
        }
    }
}
