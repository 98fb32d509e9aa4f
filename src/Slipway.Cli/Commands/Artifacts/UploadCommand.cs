using System.CommandLine;
using Slipway.Cli.Output;

namespace Slipway.Cli.Commands.Artifacts;

/// <summary>
/// <c>slipway artifacts upload &lt;local&gt; &lt;artifact-path&gt;</c>: a file lands at <c>&lt;artifact-path&gt;/&lt;file name&gt;</c>;
/// a directory's contents land under <c>&lt;artifact-path&gt;</c>, as <c>mlflow artifacts log-artifact(s)</c> do.
/// </summary>
internal sealed class UploadCommand : ApiCommand
{
    private readonly Argument<string> source = new("local") { Description = "A local file or directory." };

    private readonly Argument<string> destination = new("artifact-path")
    {
        Description = "The artifact directory to upload into, such as 0/<run_id>/artifacts/model.",
    };

    public UploadCommand(CliContext context)
        : base("upload", "Upload a file or a directory (recursively) as artifacts.", context)
    {
        Arguments.Add(source);
        Arguments.Add(destination);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var local = Path.GetFullPath(parseResult.GetRequiredValue(source));
        var target = parseResult.GetRequiredValue(destination).Trim('/');
        var output = OutputFor(parseResult);

        int files;
        long bytes;
        if (File.Exists(local))
        {
            (files, bytes) = (1, new FileInfo(local).Length);
            var artifactPath = $"{target}/{Path.GetFileName(local)}";
            await TransferAsync(parseResult, client =>
                TransferProgress.RunAsync(output, $"Uploading {Path.GetFileName(local)}", bytes, progress =>
                    client.Artifacts.UploadFileAsync(local, artifactPath, progress, cancellationToken)));
        }
        else if (Directory.Exists(local))
        {
            var all = new DirectoryInfo(local).EnumerateFiles("*", SearchOption.AllDirectories).ToList();
            (files, bytes) = (all.Count, all.Sum(f => f.Length));
            await TransferAsync(parseResult, client =>
                TransferProgress.RunAsync(output, $"Uploading {all.Count} files", bytes, progress =>
                    client.Artifacts.UploadDirectoryAsync(local, target, progress, cancellationToken)));
        }
        else
        {
            throw new CommandException(ExitCodes.Usage, $"There is no file or directory at {local}.");
        }

        var summary = new TransferSummary(target, local, files, bytes);
        if (output.Json)
        {
            await output.WriteJsonAsync(summary, CliJsonContext.Default.TransferSummary, cancellationToken);
        }
        else
        {
            output.WriteLine($"Uploaded {files} {(files == 1 ? "file" : "files")} ({Cells.Bytes(bytes)}) to {target}.");
        }

        return ExitCodes.Success;
    }
}
