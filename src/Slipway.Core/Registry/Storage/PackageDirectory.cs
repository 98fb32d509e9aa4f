using System.Buffers;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>A file placed in a <see cref="PackageDirectory"/>: its package-relative path, size and SHA-256.</summary>
public sealed record PackageFile(string Path, long Size, string Sha256);

/// <summary>
/// A private working directory holding one model package while it is copied, extracted and inspected: created
/// owner-only (0700) under <c>&lt;DataDir&gt;/tmp/</c>, never world-writable (governance.md §6.2), and deleted
/// with everything in it on dispose. Every file goes in through <see cref="AddAsync"/>, which enforces the
/// package limits on the bytes actually written.
/// </summary>
public sealed class PackageDirectory : IDisposable
{
    /// <summary>The name prefix of package directories, which <see cref="PackageDirectoryCleanup"/> looks for.</summary>
    public const string NamePrefix = "package-";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly List<PackageFile> files = [];
    private readonly HashSet<string> paths = new(StringComparer.Ordinal);
    private readonly RegistryPackageOptions limits;

    private PackageDirectory(string path, RegistryPackageOptions limits)
    {
        Path = path;
        this.limits = limits;
    }

    /// <summary>The full path of the directory.</summary>
    public string Path { get; }

    public IReadOnlyList<PackageFile> Files => files;

    public long TotalBytes { get; private set; }

    /// <summary>
    /// Runs <paramref name="fill"/> on <paramref name="package"/> and hands the package over when it succeeds; on an
    /// error or an exception the package (and its directory) is disposed, so no caller leaves a half-filled one behind.
    /// </summary>
    public static async Task<Result<PackageDirectory>> FillAsync(PackageDirectory package, Func<PackageDirectory, Task<Result<Unit>>> fill)
    {
        try
        {
            var filled = await fill(package);
            if (filled.IsSuccess)
            {
                return package;
            }

            package.Dispose();
            return filled.Error;
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    public static PackageDirectory Create(IOptions<SlipwayOptions> slipway, IOptions<RegistryPackageOptions> limits)
    {
        var parent = System.IO.Path.Combine(slipway.Value.DataDirFullPath, "tmp");
        var name = System.IO.Path.Combine(parent, NamePrefix + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(parent);
            return new PackageDirectory(Directory.CreateDirectory(name).FullName, limits.Value);
        }

        Directory.CreateDirectory(parent, OwnerOnly);
        // CreateDirectory applies the mode only to what it creates: the package directory itself is always new.
        return new PackageDirectory(Directory.CreateDirectory(name, OwnerOnly).FullName, limits.Value);
    }

    /// <summary>
    /// Streams <paramref name="content"/> into the file at <paramref name="relativePath"/> (a path already checked
    /// with <see cref="ArtifactPath.Parse"/>), hashing it, and refuses once the package passes its file count or
    /// byte limit. A refused file is not left behind.
    /// </summary>
    public async Task<Result<PackageFile>> AddAsync(string relativePath, Stream content, CancellationToken cancellationToken)
    {
        if (files.Count >= limits.MaxFiles)
        {
            return PackageErrors.FileCount(limits.MaxFiles);
        }

        if (!paths.Add(relativePath) || Directory.Exists(FullPath(relativePath)))
        {
            return PackageErrors.Refused(PackageErrors.DuplicateMember, $"The package holds '{relativePath}' twice.");
        }

        string full;
        try
        {
            full = Prepare(relativePath);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            return PackageErrors.Refused(PackageErrors.DuplicateMember, $"'{relativePath}' conflicts with another file of the package.");
        }

        var remaining = limits.MaxBytes - TotalBytes;
        using var hashing = new ArtifactHashing();
        var buffer = ArrayPool<byte>.Shared.Rent(ArtifactHashing.BufferSize);
        try
        {
            await using var file = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, ArtifactHashing.BufferSize, FileOptions.Asynchronous);
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ArtifactHashing.BufferSize), cancellationToken)) > 0)
            {
                if (hashing.Size + read > remaining)
                {
                    await file.DisposeAsync();
                    File.Delete(full);
                    return PackageErrors.Bytes(limits.MaxBytes);
                }

                hashing.Append(buffer.AsSpan(0, read));
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var added = new PackageFile(relativePath, hashing.Size, hashing.Finish());
        files.Add(added);
        TotalBytes += added.Size;
        return added;
    }

    /// <summary>
    /// The full path of a package-relative path; <see cref="ArgumentException"/> when it would not lie inside the
    /// directory (callers validate first: this is defence in depth).
    /// </summary>
    public string FullPath(string relativePath)
    {
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar)));
        if (!full.StartsWith(Path + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("The path does not lie inside the package directory.", nameof(relativePath));
        }

        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }

    private string Prepare(string relativePath)
    {
        var full = FullPath(relativePath);
        var parent = System.IO.Path.GetDirectoryName(full)!;
        if (File.Exists(parent))
        {
            throw new ArgumentException("A file exists where the path needs a directory.", nameof(relativePath));
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(parent);
        }
        else
        {
            Directory.CreateDirectory(parent, OwnerOnly);
        }

        return full;
    }
}
