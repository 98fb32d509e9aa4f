using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Models;

/// <summary><c>slipway models show &lt;name&gt; [--version N | --alias A]</c>: a model, or one of its versions with its files.</summary>
internal sealed class ShowCommand : ApiCommand
{
    /// <summary>How tables mark a version whose format executes code when loaded.</summary>
    internal const string UnsafeMark = "⚠ unsafe";

    private readonly Argument<string> name = new("name") { Description = "The registered model's name." };
    private readonly Option<int?> version = new("--version") { Description = "Show this version instead of the model." };
    private readonly Option<string> alias = new("--alias") { Description = "Show the version this alias points at." };

    public ShowCommand(CliContext context)
        : base("show", "Show a registered model, or one version with its signature, origin and file digests.", context)
    {
        Arguments.Add(name);
        Options.Add(version);
        Options.Add(alias);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var model = parseResult.GetRequiredValue(name);
        var output = OutputFor(parseResult);
        var number = parseResult.GetValue(version);
        var aliasName = parseResult.GetValue(alias);
        if (number is null && aliasName is null)
        {
            var found = await WithClientAsync(parseResult, client => client.Models.GetAsync(model, cancellationToken));
            if (output.Json)
            {
                await output.WriteJsonAsync(found, CliJsonContext.Default.RegisteredModelResponse, cancellationToken);
                return ExitCodes.Success;
            }

            output.Write(Cells.NewTable("Field", "Value")
                .AddTextRow("Name", found.Name)
                .AddTextRow("Description", found.Description)
                .AddTextRow("Created", Cells.Time(found.CreationTime))
                .AddTextRow("Updated", Cells.Time(found.LastUpdateTime))
                .AddTextRow("Aliases", string.Join(", ", found.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}→{a.Value}")))
                .AddTextRow("Tags", string.Join(", ", found.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))));
            return ExitCodes.Success;
        }

        var shown = await WithClientAsync(parseResult, client => aliasName is not null
            ? client.Models.GetByAliasAsync(model, aliasName, cancellationToken)
            : client.Models.GetVersionAsync(model, number!.Value, cancellationToken));
        if (output.Json)
        {
            await output.WriteJsonAsync(shown, CliJsonContext.Default.ModelVersionResponse, cancellationToken);
            return ExitCodes.Success;
        }

        output.Write(Cells.NewTable("Field", "Value")
            .AddTextRow("Name", shown.Name)
            .AddTextRow("Version", Cells.Number(shown.Version))
            .AddTextRow("Stage", shown.Stage)
            .AddTextRow("Aliases", string.Join(", ", shown.Aliases))
            .AddTextRow("Origin", shown.Origin)
            .AddTextRow("Flavor", shown.Flavor)
            .AddTextRow("Format", shown.PackageFormat)
            .AddTextRow("Unsafe format", shown.UnsafeFormat ? "yes: loading it executes code (pickle); Slipway never loads it" : "no")
            .AddTextRow("Source", shown.Source)
            .AddTextRow("Run", shown.RunId)
            .AddTextRow("Created by", shown.CreatedBy)
            .AddTextRow("Created", Cells.Time(shown.CreationTime))
            .AddTextRow("Storage", shown.StorageLocation)
            .AddTextRow("Signature", shown.Signature?.GetRawText())
            .AddTextRow("Description", shown.Description));
        if (shown.UnsafeFormat)
        {
            output.Warn($"{UnsafeMark} format: loading {shown.Name} version {Cells.Number(shown.Version)} executes code (pickle); Slipway never loads it.");
        }

        if (shown.Files is { Count: > 0 } files)
        {
            var table = Cells.NewTable("File", "Size", "SHA-256");
            foreach (var file in files)
            {
                table.AddTextRow(file.Path, Cells.Bytes(file.Size), file.Sha256);
            }

            output.Write(table);
        }

        return ExitCodes.Success;
    }
}
