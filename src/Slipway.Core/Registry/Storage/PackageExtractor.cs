using System.Formats.Tar;
using System.IO.Compression;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Registry.Storage;

/// <summary>
/// Turns an uploaded file into a package. A bare file (an <c>.onnx</c> model, …) is the package's one file. A
/// <c>.tar</c>, <c>.tar.gz</c> or <c>.tgz</c> is extracted. A <c>.zip</c> with <c>MLmodel</c> at its root (or in its
/// single top-level directory) is an MLflow model directory and is extracted; any other zip is an ML.NET model, kept
/// as one file. Every member of every archive is checked first (no '..', absolute paths, links, devices), so a
/// refused archive writes nothing; extraction then counts the bytes actually decompressed against the limits.
/// The file-count limit applies during that first pass, and so does a cap on all entries (files and directories,
/// <see cref="MaxEntries"/>), so an archive listing millions of entries is refused after the first few over the
/// limit; a zip whose end record declares more entries than the cap is refused before its directory is read.
/// </summary>
internal static class PackageExtractor
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;
    private const int UnixSymbolicLink = 0xA000;

    public static bool IsArchive(string fileName) => Kind(fileName) is not ArchiveKind.None;

    /// <summary>The most entries of any kind an archive may list: as many directories as files are allowed, and the files.</summary>
    public static long MaxEntries(int maxFiles) => 2L * maxFiles;

    /// <summary>Extracts <paramref name="archivePath"/> (named <paramref name="fileName"/> by the client) into <paramref name="package"/>.</summary>
    public static async Task<Result<Unit>> ExtractAsync(string archivePath, string fileName, PackageDirectory package, RegistryPackageOptions limits, CancellationToken cancellationToken)
    {
        try
        {
            return Kind(fileName) switch
            {
                ArchiveKind.Zip => await ZipAsync(archivePath, fileName, package, limits, cancellationToken),
                ArchiveKind.Tar => await TarAsync(archivePath, package, limits, gzip: false, cancellationToken),
                ArchiveKind.TarGz => await TarAsync(archivePath, package, limits, gzip: true, cancellationToken),
                _ => throw new ArgumentException("Not an archive.", nameof(fileName)),
            };
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            return PackageErrors.Refused(PackageErrors.BadArchive, $"'{fileName}' is not a readable archive: {e.Message}");
        }
    }

    private static async Task<Result<Unit>> ZipAsync(string archivePath, string fileName, PackageDirectory package, RegistryPackageOptions limits, CancellationToken cancellationToken)
    {
        var maxBytes = limits.MaxBytes;
        // ZipArchive reads the whole central directory at once (and checks it against the end record's count), so the count is checked first.
        if (await ZipEndRecord.EntryCountAsync(archivePath, cancellationToken) is { } count && count > MaxEntries(limits.MaxFiles))
        {
            return TooManyEntries(limits.MaxFiles);
        }

        await using var archive = await ZipArchive.CreateAsync(File.OpenRead(archivePath), ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken);
        var files = new List<(ZipArchiveEntry Entry, string Path)>();
        long declared = 0;
        long entries = 0;
        foreach (var entry in archive.Entries)
        {
            if (++entries > MaxEntries(limits.MaxFiles))
            {
                return TooManyEntries(limits.MaxFiles);
            }

            var type = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
            if (type == UnixSymbolicLink)
            {
                return PackageErrors.Member(PackageErrors.LinkMember, entry.FullName, "symbolic links are not allowed");
            }

            if (type is not (0 or UnixRegularFile or UnixDirectory))
            {
                return PackageErrors.Member(PackageErrors.SpecialMember, entry.FullName, "device files, FIFOs and sockets are not allowed");
            }

            var path = ArchiveMember.Path(entry.FullName);
            if (!path.IsSuccess)
            {
                return path.Error;
            }

            if (path.Value.Length > 0 && !entry.FullName.EndsWith('/') && type != UnixDirectory)
            {
                files.Add((entry, path.Value));
                declared += entry.Length;
                if (files.Count > limits.MaxFiles)
                {
                    return PackageErrors.FileCount(limits.MaxFiles);
                }
            }
        }

        var prefix = ArchiveMember.TopLevelDirectory(files.ConvertAll(f => f.Path));
        if (prefix.Length == 0 && !files.Exists(f => f.Path == "MLmodel"))
        {
            // Not an MLflow directory: an ML.NET model, which is itself a zip and is kept whole. Its declared size is
            // checked here; the inspector reads it with ML.NET.
            if (declared > maxBytes)
            {
                return PackageErrors.Bytes(maxBytes);
            }

            await using var whole = File.OpenRead(archivePath);
            var added = await package.AddAsync(ArtifactPath.BaseName(fileName), whole, cancellationToken);
            return added.IsSuccess ? Unit.Value : added.Error;
        }

        foreach (var (entry, path) in files)
        {
            await using var content = await entry.OpenAsync(cancellationToken);
            var added = await package.AddAsync(path[prefix.Length..], content, cancellationToken);
            if (!added.IsSuccess)
            {
                return added.Error;
            }
        }

        return Unit.Value;
    }

    private static async Task<Result<Unit>> TarAsync(string archivePath, PackageDirectory package, RegistryPackageOptions limits, bool gzip, CancellationToken cancellationToken)
    {
        // First pass: every member's type and path, before anything is written, and the counts as they go.
        var files = new List<string>();
        long entries = 0;
        await using (var reader = OpenTarReader(archivePath, gzip))
        {
            while (await reader.Reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                if (++entries > MaxEntries(limits.MaxFiles))
                {
                    return TooManyEntries(limits.MaxFiles);
                }

                var checkedEntry = Check(entry);
                if (!checkedEntry.IsSuccess)
                {
                    return checkedEntry.Error;
                }

                if (checkedEntry.Value is { Length: > 0 } path)
                {
                    files.Add(path);
                    if (files.Count > limits.MaxFiles)
                    {
                        return PackageErrors.FileCount(limits.MaxFiles);
                    }
                }
            }
        }

        var prefix = ArchiveMember.TopLevelDirectory(files);
        await using (var reader = OpenTarReader(archivePath, gzip))
        {
            while (await reader.Reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var path = Check(entry);
                if (!path.IsSuccess)
                {
                    return path.Error;
                }

                if (path.Value.Length == 0)
                {
                    continue;
                }

                var added = await package.AddAsync(path.Value[prefix.Length..], entry.DataStream ?? Stream.Null, cancellationToken);
                if (!added.IsSuccess)
                {
                    return added.Error;
                }
            }
        }

        return Unit.Value;
    }

    private static Error TooManyEntries(int maxFiles) =>
        PackageErrors.Refused(PackageErrors.TooManyFiles,
            $"The archive lists more than {MaxEntries(maxFiles)} entries, files and directories together (twice Registry:Packages:MaxFiles).");

    /// <summary>The package path of a regular file, "" for what is skipped (directories, global headers), or the refusal.</summary>
    private static Result<string> Check(TarEntry entry)
    {
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                var path = ArchiveMember.Path(entry.Name);
                return !path.IsSuccess ? path.Error
                    : path.Value.Length == 0 ? PackageErrors.Member(PackageErrors.UnsafeMemberPath, entry.Name, "a file cannot be the archive root")
                    : path.Value;
            case TarEntryType.Directory:
                var directory = ArchiveMember.Path(entry.Name);
                return directory.IsSuccess ? "" : directory.Error;
            case TarEntryType.GlobalExtendedAttributes:
                return "";
            case TarEntryType.SymbolicLink:
                return PackageErrors.Member(PackageErrors.LinkMember, entry.Name, "symbolic links are not allowed");
            case TarEntryType.HardLink:
                return PackageErrors.Member(PackageErrors.LinkMember, entry.Name, "hard links are not allowed");
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                return PackageErrors.Member(PackageErrors.SpecialMember, entry.Name, "device files and FIFOs are not allowed");
            default:
                return PackageErrors.Member(PackageErrors.SpecialMember, entry.Name, $"tar entries of type {entry.EntryType} are not supported");
        }
    }

    private static OpenTar OpenTarReader(string archivePath, bool gzip)
    {
        var file = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, ArtifactHashing.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        return new OpenTar(stream, new TarReader(stream, leaveOpen: true));
    }

    private static ArchiveKind Kind(string fileName)
    {
        var lower = fileName.ToLowerInvariant();
        return lower.EndsWith(".zip", StringComparison.Ordinal) ? ArchiveKind.Zip
            : lower.EndsWith(".tar", StringComparison.Ordinal) ? ArchiveKind.Tar
            : lower.EndsWith(".tar.gz", StringComparison.Ordinal) || lower.EndsWith(".tgz", StringComparison.Ordinal) ? ArchiveKind.TarGz
            : ArchiveKind.None;
    }

    private enum ArchiveKind
    {
        None,
        Zip,
        Tar,
        TarGz,
    }

    private sealed record OpenTar(Stream Stream, TarReader Reader) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Reader.DisposeAsync();
            await Stream.DisposeAsync();
        }
    }
}
