using System.CommandLine;
using Slipway.Contracts.Registry;

namespace Slipway.Cli.Commands.Models;

/// <summary>
/// <c>slipway models import &lt;name&gt; &lt;file&gt; --origin O</c>: a third-party model as the next version, with
/// its provenance (origin, license, author, source URL); the version is labelled <c>third_party</c>.
/// </summary>
internal sealed class ImportCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The registered model." };
    private readonly Argument<string> file = new("file") { Description = "The package file: .onnx, .zip, .tar or .tar.gz." };
    private readonly Option<string> origin = new("--origin") { Description = "Where the model comes from, such as huggingface.", Required = true };
    private readonly Option<string> license = new("--license") { Description = "Its license, such as apache-2.0." };
    private readonly Option<string> author = new("--author") { Description = "Its author." };
    private readonly Option<string> sourceUrl = new("--source-url") { Description = "The http(s) URL it was taken from." };
    private readonly Option<string> description = new("--description") { Description = "The version's description." };

    public ImportCommand(CliContext context)
        : base("import", "Import a third-party model as a new version, with its provenance.", context)
    {
        Arguments.Add(name);
        Arguments.Add(file);
        Options.Add(origin);
        Options.Add(license);
        Options.Add(author);
        Options.Add(sourceUrl);
        Options.Add(description);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var local = PackageFile.Resolve(parseResult.GetRequiredValue(file));
        var provenance = new ModelProvenance(
            parseResult.GetRequiredValue(origin), parseResult.GetValue(license), parseResult.GetValue(author), parseResult.GetValue(sourceUrl));
        var version = await WithClientAsync(parseResult, async client =>
        {
            await using var content = File.OpenRead(local);
            return await client.Models.ImportAsync(
                parseResult.GetRequiredValue(name), content, Path.GetFileName(local), provenance, parseResult.GetValue(description), cancellationToken);
        });
        return await StoredVersionOutput.WriteAsync(OutputFor(parseResult), version, cancellationToken);
    }
}
