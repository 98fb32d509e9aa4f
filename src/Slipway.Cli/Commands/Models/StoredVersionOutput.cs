using Slipway.Cli.Output;
using Slipway.Contracts.Registry;

namespace Slipway.Cli.Commands.Models;

/// <summary>Prints a version created from a package: as the API's JSON with <c>--json</c>, else a summary and its files.</summary>
internal static class StoredVersionOutput
{
    public static async Task<int> WriteAsync(CliOutput output, StoredModelVersionResponse version, CancellationToken cancellationToken)
    {
        if (output.Json)
        {
            await output.WriteJsonAsync(version, CliJsonContext.Default.StoredModelVersionResponse, cancellationToken);
            return ExitCodes.Success;
        }

        output.Write(Cells.NewTable("Field", "Value")
            .AddTextRow("Model", version.Name)
            .AddTextRow("Version", version.Version)
            .AddTextRow("Origin", version.Origin)
            .AddTextRow("Format", version.Format)
            .AddTextRow("Flavor", version.Flavor)
            .AddTextRow("Storage", version.StorageUri)
            .AddTextRow("Provenance", version.ProvenanceOrigin)
            .AddTextRow("License", version.License)
            .AddTextRow("Author", version.Author)
            .AddTextRow("Source URL", version.SourceUrl));
        var files = Cells.NewTable("File", "Size", "SHA-256");
        foreach (var file in version.Files)
        {
            files.AddTextRow(file.Path, Cells.Bytes(file.Size), file.Sha256);
        }

        output.Write(files);
        return ExitCodes.Success;
    }
}
