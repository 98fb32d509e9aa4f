using Microsoft.Extensions.Options;

namespace Slipway.Core.Infrastructure.Artifacts;

/// <summary>
/// Artifacts in a local directory (<c>Storage:Local:Root</c>, default <c>&lt;DataDir&gt;/artifacts</c>). A write goes
/// to a file under <c>&lt;root&gt;/.staging/</c>, is flushed to disk, and is then renamed into place, which is
/// atomic on one file system: a reader sees the old file or the new one, never a part.
/// </summary>
internal sealed class LocalArtifactStore : IArtifactStore
{
    private const FileOptions ReadOptions = FileOptions.Asynchronous | FileOptions.SequentialScan;

    public LocalArtifactStore(IOptions<StorageOptions> storage, IOptions<SlipwayOptions> slipway)
    {
        var configured = storage.Value.Local.Root;
        Root = Path.TrimEndingDirectorySeparator(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(slipway.Value.DataDirFullPath, "artifacts")
            : Path.GetFullPath(configured));
        StagingDirectory = Path.Combine(Root, ArtifactPath.StagingName);
    }

    public string Root { get; }

    public string StagingDirectory { get; }

    public async Task<StoredArtifact> WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var target = Resolve(key);
        CreateStagingDirectory();
        var staging = Path.Combine(StagingDirectory, Guid.NewGuid().ToString("N"));
        try
        {
            using var hashing = new ArtifactHashing();
            await using (var file = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None, ArtifactHashing.BufferSize, FileOptions.Asynchronous))
            {
                await hashing.CopyAsync(content, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Commit(staging, target);
            return new StoredArtifact(key, hashing.Size, hashing.Finish());
        }
        finally
        {
            // After a commit the staging name is gone; otherwise this drops the partial file.
            File.Delete(staging);
        }
    }

    public Task<ArtifactReadStream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = Resolve(key);
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, ArtifactHashing.BufferSize, ReadOptions);
            return Task.FromResult<ArtifactReadStream?>(new ArtifactReadStream(file, file.Length));
        }
        catch (Exception e) when ((e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException) && !File.Exists(path))
        {
            // UnauthorizedAccessException is what opening a directory throws.
            return Task.FromResult<ArtifactReadStream?>(null);
        }
    }

    public Task<IReadOnlyList<ArtifactEntry>?> ListAsync(string directoryKey, CancellationToken cancellationToken)
    {
        var directory = new DirectoryInfo(directoryKey.Length == 0 ? Root : Resolve(directoryKey));
        if (!directory.Exists)
        {
            return Task.FromResult<IReadOnlyList<ArtifactEntry>?>(null);
        }

        var entries = new List<ArtifactEntry>();
        try
        {
            foreach (var info in directory.EnumerateFileSystemInfos())
            {
                if ((directoryKey.Length == 0 && info.Name == ArtifactPath.StagingName) || !ArtifactPath.IsSafeName(info.Name))
                {
                    continue;
                }

                entries.Add(info is FileInfo file
                    ? new ArtifactEntry(file.Name, IsDirectory: false, file.Length)
                    : new ArtifactEntry(info.Name, IsDirectory: true, Size: null));
            }
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<IReadOnlyList<ArtifactEntry>?>(null);
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return Task.FromResult<IReadOnlyList<ArtifactEntry>?>(entries);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = Resolve(key);
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (DirectoryNotFoundException)
        {
            // A parent is missing, or a concurrent delete won: either way nothing is left.
        }

        return Task.CompletedTask;
    }

    /// <summary>Removes staging files older than <paramref name="age"/>: uploads that a crash or a kill interrupted.</summary>
    public int DeleteStaleStagingFiles(TimeSpan age, DateTimeOffset now)
    {
        if (!Directory.Exists(StagingDirectory))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var file in new DirectoryInfo(StagingDirectory).EnumerateFiles())
        {
            if (now - file.LastWriteTimeUtc > age)
            {
                try
                {
                    file.Delete();
                    deleted++;
                }
                catch (IOException)
                {
                    // Still being written by another process sharing the root; it will clean up itself.
                }
            }
        }

        return deleted;
    }

    private void CreateStagingDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(StagingDirectory);
        }
        else
        {
            // Owner-only: unfinished uploads are nobody else's business (governance.md: temporary directories are 0700).
            Directory.CreateDirectory(StagingDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void Commit(string staging, string target)
    {
        if (Directory.Exists(target))
        {
            throw new ArtifactPathException("A directory already exists at that path; delete it first or choose another name.");
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        }
        catch (IOException e)
        {
            throw new ArtifactPathException("A file exists where the path needs a directory.", e);
        }

        File.Move(staging, target, overwrite: true);
    }

    /// <summary>
    /// The full path of a key. Refused when it does not lie under the root (defence in depth, §4.4 step 5), or when
    /// a symbolic link on the way could lead elsewhere (governance.md §6.2): the store never creates one.
    /// </summary>
    private string Resolve(string key)
    {
        var full = Path.GetFullPath(Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || full == StagingDirectory
            || full.StartsWith(StagingDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The key does not resolve to a path under the artifact root.", nameof(key));
        }

        var current = Root;
        foreach (var segment in key.Split('/'))
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                throw new ArtifactPathException("The path passes through a symbolic link, which the artifact store refuses.");
            }

            if (!info.Exists && !Directory.Exists(current))
            {
                break;
            }
        }

        return full;
    }
}
