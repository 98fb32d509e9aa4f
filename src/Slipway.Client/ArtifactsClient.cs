using System.Net.Http.Headers;

namespace Slipway.Client;

/// <summary>
/// Artifacts through the MLflow artifact proxy (<c>/api/2.0/mlflow-artifacts</c>). An artifact path is
/// <c>/</c>-separated and starts with the experiment id, such as <c>0/&lt;run_id&gt;/artifacts/model</c> for a run's
/// files (the part after <c>mlflow-artifacts:/</c> in a run's <c>artifact_uri</c>). Content is streamed both ways,
/// never held in memory whole. Progress callbacks receive the running total of bytes transferred by the call.
/// </summary>
public sealed class ArtifactsClient
{
    private const int BufferSize = 81_920;
    private readonly SlipwayHttp http;

    internal ArtifactsClient(SlipwayHttp http) => this.http = http;

    /// <summary>
    /// The entries of directory <paramref name="directory"/>, one level deep, with basenames as paths. A missing
    /// directory and a file path both give an empty list, as the proxy does not tell them apart.
    /// </summary>
    public async Task<IReadOnlyList<ArtifactFile>> ListAsync(string directory, CancellationToken cancellationToken = default)
    {
        var uri = new QueryString(ArtifactPath.ProxyRoot).Add("path", ArtifactPath.Normalize(directory));
        var listing = await http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.ArtifactListing, cancellationToken).ConfigureAwait(false);
        return listing.Files ?? [];
    }

    /// <summary>
    /// Every file under <paramref name="directory"/>, recursively, with paths relative to it (<c>sub/a.txt</c>).
    /// Empty for a missing directory or a file path.
    /// </summary>
    /// <exception cref="InvalidDataException">The server listed a name that is not a single path segment.</exception>
    public async Task<IReadOnlyList<ArtifactFile>> ListFilesAsync(string directory, CancellationToken cancellationToken = default)
    {
        var root = ArtifactPath.Normalize(directory);
        var files = new List<ArtifactFile>();
        var pending = new Queue<string>([string.Empty]);
        while (pending.TryDequeue(out var relative))
        {
            var entries = await ListAsync(relative.Length == 0 ? root : $"{root}/{relative}", cancellationToken).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                if (!ArtifactPath.IsSafeName(entry.Path))
                {
                    throw new InvalidDataException($"The server listed the unsafe artifact name '{entry.Path}' under '{root}'.");
                }

                var path = ArtifactPath.Join(relative, entry.Path);
                if (entry.IsDir)
                {
                    pending.Enqueue(path);
                }
                else
                {
                    files.Add(entry with { Path = path });
                }
            }
        }

        return files;
    }

    /// <summary>
    /// Uploads <paramref name="content"/> from its current position to the end as the file <paramref name="artifactPath"/>,
    /// creating parent directories and overwriting an existing file. Needs the Edit permission.
    /// </summary>
    /// <exception cref="SlipwayApiException">400 for an unsafe path, 403 without the permission.</exception>
    public async Task UploadAsync(string artifactPath, Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await UploadAsync(artifactPath, content, progress, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads the local file <paramref name="localFile"/> as the artifact file <paramref name="artifactPath"/>.</summary>
    public async Task UploadFileAsync(string localFile, string artifactPath, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var file = OpenRead(localFile);
        await using (file.ConfigureAwait(false))
        {
            await UploadAsync(artifactPath, file, progress, 0, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Uploads every file under <paramref name="localDirectory"/>, recursively, below <paramref name="artifactDirectory"/>
    /// (<c>data/a.csv</c> becomes <c>&lt;artifactDirectory&gt;/data/a.csv</c>), one file at a time. Empty directories
    /// are not recorded. Returns the number of files uploaded.
    /// </summary>
    public async Task<int> UploadDirectoryAsync(
        string localDirectory, string artifactDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var root = ArtifactPath.Normalize(artifactDirectory);
        var directory = new DirectoryInfo(localDirectory);
        if (!directory.Exists)
        {
            throw new DirectoryNotFoundException($"The directory '{localDirectory}' does not exist.");
        }

        var count = 0;
        long transferred = 0;
        foreach (var file in directory.EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            var stream = OpenRead(file.FullName);
            await using (stream.ConfigureAwait(false))
            {
                await UploadAsync($"{root}/{relative}", stream, progress, transferred, cancellationToken).ConfigureAwait(false);
            }

            transferred += file.Length;
            count++;
        }

        return count;
    }

    /// <summary>Streams the artifact file <paramref name="artifactPath"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="SlipwayApiException">404 when the file does not exist.</exception>
    public async Task DownloadAsync(string artifactPath, Stream destination, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await DownloadAsync(artifactPath, destination, progress, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads the artifact file <paramref name="artifactPath"/> to <paramref name="localFile"/>, creating its parent
    /// directories and overwriting an existing file. A failed download leaves no partial file behind.
    /// </summary>
    /// <exception cref="SlipwayApiException">404 when the file does not exist.</exception>
    public Task DownloadFileAsync(string artifactPath, string localFile, IProgress<long>? progress = null, CancellationToken cancellationToken = default) =>
        DownloadFileAsync(artifactPath, localFile, progress, 0, cancellationToken);

    /// <summary>
    /// Downloads every file under <paramref name="artifactDirectory"/>, recursively, into <paramref name="localDirectory"/>,
    /// keeping the relative layout. Returns the number of files downloaded; zero when the directory is missing or empty.
    /// </summary>
    /// <exception cref="InvalidDataException">The server listed a name that would leave <paramref name="localDirectory"/>.</exception>
    public async Task<int> DownloadDirectoryAsync(
        string artifactDirectory, string localDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var root = ArtifactPath.Normalize(artifactDirectory);
        var files = await ListFilesAsync(root, cancellationToken).ConfigureAwait(false);
        long transferred = 0;
        foreach (var file in files)
        {
            var local = Path.Combine([localDirectory, .. file.Path.Split('/')]);
            transferred = await DownloadFileAsync($"{root}/{file.Path}", local, progress, transferred, cancellationToken).ConfigureAwait(false);
        }

        return files.Count;
    }

    private async Task UploadAsync(string artifactPath, Stream content, IProgress<long>? progress, long alreadyTransferred, CancellationToken cancellationToken)
    {
        var body = progress is null ? content : new ProgressStream(content, progress, alreadyTransferred);
        using var request = new HttpRequestMessage(HttpMethod.Put, ArtifactPath.FileUri(artifactPath))
        {
            Content = new StreamContent(body, BufferSize),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (content.CanSeek)
        {
            request.Content.Headers.ContentLength = content.Length - content.Position;
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the running total after this file.</summary>
    private async Task<long> DownloadAsync(string artifactPath, Stream destination, IProgress<long>? progress, long alreadyTransferred, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ArtifactPath.FileUri(artifactPath));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[BufferSize];
            var total = alreadyTransferred;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
                progress?.Report(total);
            }

            return total;
        }
    }

    private async Task<long> DownloadFileAsync(string artifactPath, string localFile, IProgress<long>? progress, long alreadyTransferred, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(localFile);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var file = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        try
        {
            await using (file.ConfigureAwait(false))
            {
                return await DownloadAsync(artifactPath, file, progress, alreadyTransferred, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            File.Delete(full);
            throw;
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
}
