using System.CommandLine;

namespace Slipway.Cli.Commands.Models;

/// <summary>
/// <c>slipway models upload &lt;name&gt; &lt;file&gt;</c>: the next version of a registered model from a package file
/// (<c>.onnx</c>, an ML.NET <c>.zip</c>, or an MLflow model directory as <c>.zip</c>, <c>.tar</c> or <c>.tar.gz</c>).
/// </summary>
internal sealed class UploadCommand : ApiCommand
{
    private readonly Argument<string> name = new("name") { Description = "The registered model." };
    private readonly Argument<string> file = new("file") { Description = "The package file: .onnx, .zip, .tar or .tar.gz." };
    private readonly Option<string> description = new("--description") { Description = "The version's description." };

    public UploadCommand(CliContext context)
        : base("upload", "Create a model version from a package file.", context)
    {
        Arguments.Add(name);
        Arguments.Add(file);
        Options.Add(description);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var local = PackageFile.Resolve(parseResult.GetRequiredValue(file));
        var version = await WithClientAsync(parseResult, async client =>
        {
            await using var content = File.OpenRead(local);
            return await client.Models.UploadAsync(parseResult.GetRequiredValue(name), content, Path.GetFileName(local), parseResult.GetValue(description), cancellationToken);
        });
        return await StoredVersionOutput.WriteAsync(OutputFor(parseResult), version, cancellationToken);
    }
}
