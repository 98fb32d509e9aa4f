using System.CommandLine;
using Slipway.Cli.Output;
using Slipway.Client;

namespace Slipway.Cli.Commands.Artifacts;

/// <summary>
/// <c>slipway artifacts download &lt;artifact-path&gt; &lt;local&gt;</c>: a directory is fetched recursively into
/// <c>&lt;local&gt;</c>; a single file is written to <c>&lt;local&gt;</c>, or into it when it is an existing directory.
/// </summary>
internal sealed class DownloadCommand : ApiCommand
{
    private readonly Argument<string> source = new("artifact-path")
    {
        Description = "The artifact file or directory, such as 0/<run_id>/artifacts/model.",
    };

    private readonly Argument<string> destination = new("local") { Description = "The local directory (or file name) to write to." };

    public DownloadCommand(CliContext context)
        : base("download", "Download an artifact file, or a directory recursively.", context)
    {
        Arguments.Add(source);
        Arguments.Add(destination);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var artifactPath = parseResult.GetRequiredValue(source).Trim('/');
        var local = Path.GetFullPath(parseResult.GetRequiredValue(destination));
        var output = OutputFor(parseResult);

        var summary = new TransferSummary(artifactPath, local, 0, 0);
        await TransferAsync(parseResult, async client =>
        {
            var files = await client.Artifacts.ListFilesAsync(artifactPath, cancellationToken);
            summary = files.Count > 0
                ? await DownloadDirectoryAsync(client, output, artifactPath, files, local, cancellationToken)
                : await DownloadFileAsync(client, output, artifactPath, local, cancellationToken);
        });

        if (output.Json)
        {
            await output.WriteJsonAsync(summary, CliJsonContext.Default.TransferSummary, cancellationToken);
        }
        else
        {
            output.WriteLine($"Downloaded {summary.Files} {(summary.Files == 1 ? "file" : "files")} ({Cells.Bytes(summary.Bytes)}) to {summary.LocalPath}.");
        }

        return ExitCodes.Success;
    }

    private static async Task<TransferSummary> DownloadDirectoryAsync(
        SlipwayClient client, CliOutput output, string artifactPath, IReadOnlyList<ArtifactFile> files, string local, CancellationToken cancellationToken)
    {
        var total = files.Sum(f => f.FileSize ?? 0);
        long done = 0;
        await TransferProgress.RunAsync(output, $"Downloading {files.Count} files", total, async progress =>
        {
            foreach (var file in files)
            {
                var target = Path.Combine([local, .. file.Path.Split('/')]);
                await client.Artifacts.DownloadFileAsync($"{artifactPath}/{file.Path}", target, TransferProgress.Offset(progress, done), cancellationToken);
                done += new FileInfo(target).Length;
            }
        });
        return new TransferSummary(artifactPath, local, files.Count, done);
    }

    /// <summary>The listing was empty: the path is a single file, or nothing (the download then fails with 404).</summary>
    private static async Task<TransferSummary> DownloadFileAsync(
        SlipwayClient client, CliOutput output, string artifactPath, string local, CancellationToken cancellationToken)
    {
        var name = artifactPath[(artifactPath.LastIndexOf('/') + 1)..];
        var target = Directory.Exists(local) ? Path.Combine(local, name) : local;
        var size = await SizeOfAsync(client, artifactPath, name, cancellationToken);
        await TransferProgress.RunAsync(output, $"Downloading {name}", size, progress =>
            client.Artifacts.DownloadFileAsync(artifactPath, target, progress, cancellationToken));
        return new TransferSummary(artifactPath, target, 1, new FileInfo(target).Length);
    }

    /// <summary>The file's size from its parent's listing, for the progress bar; zero when unknown.</summary>
    private static async Task<long> SizeOfAsync(SlipwayClient client, string artifactPath, string name, CancellationToken cancellationToken)
    {
        var slash = artifactPath.LastIndexOf('/');
        if (slash <= 0)
        {
            return 0;
        }

        var siblings = await client.Artifacts.ListAsync(artifactPath[..slash], cancellationToken);
        return siblings.FirstOrDefault(f => !f.IsDir && f.Path == name)?.FileSize ?? 0;
    }
}
