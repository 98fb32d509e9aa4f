using Microsoft.Extensions.Options;
using Slipway.Core.Registry.Storage;

namespace Slipway.Core.Tests.Registry.Storage;

public sealed class PackageDirectoryTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string dataDir = Directory.CreateTempSubdirectory("slipway-pkg-").FullName;

    [Fact]
    public async Task A_package_directory_and_its_subdirectories_are_owner_only_and_gone_after_dispose()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path;
        using (var package = Create(maxFiles: 10, maxBytes: 1000))
        {
            path = package.Path;
            Assert.True((await package.AddAsync("a/b/c.bin", new MemoryStream([1, 2]), CancellationToken.None)).IsSuccess);
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(dataDir, "tmp")));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(path, "a", "b")));
        }

        Assert.False(Directory.Exists(path));
    }

    [Fact]
    public async Task Files_over_the_count_or_byte_limit_duplicates_and_file_directory_clashes_are_refused()
    {
        using var package = Create(maxFiles: 2, maxBytes: 10);
        Assert.True((await package.AddAsync("a", new MemoryStream(new byte[6]), CancellationToken.None)).IsSuccess);
        var tooBig = await package.AddAsync("b", new MemoryStream(new byte[5]), CancellationToken.None);
        Assert.Equal(PackageErrors.TooLarge, tooBig.Error?.Code);
        Assert.False(File.Exists(Path.Combine(package.Path, "b")));
        Assert.Equal(PackageErrors.DuplicateMember, (await package.AddAsync("a", new MemoryStream([1]), CancellationToken.None)).Error?.Code);
        Assert.Equal(PackageErrors.DuplicateMember, (await package.AddAsync("a/x", new MemoryStream([1]), CancellationToken.None)).Error?.Code);
        Assert.True((await package.AddAsync("c", new MemoryStream([1]), CancellationToken.None)).IsSuccess);
        Assert.Equal(PackageErrors.TooManyFiles, (await package.AddAsync("d", new MemoryStream([1]), CancellationToken.None)).Error?.Code);
        Assert.Equal(["a", "c"], package.Files.Select(f => f.Path));
        Assert.Throws<ArgumentException>(() => package.FullPath("../escape"));
    }

    public void Dispose() => Directory.Delete(dataDir, recursive: true);

    private PackageDirectory Create(int maxFiles, long maxBytes) => PackageDirectory.Create(
        Options.Create(new SlipwayOptions { DataDir = dataDir }),
        Options.Create(new RegistryPackageOptions { MaxFiles = maxFiles, MaxBytes = maxBytes }));
}
