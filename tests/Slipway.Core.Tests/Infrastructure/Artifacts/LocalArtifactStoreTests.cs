using Slipway.Core.Infrastructure.Artifacts;

namespace Slipway.Core.Tests.Infrastructure.Artifacts;

/// <summary>What the local store adds to the contract: its staging area, and refusing what could lead outside the root.</summary>
public sealed class LocalArtifactStoreTests
{
    [Fact]
    public async Task Files_live_under_the_root_and_staging_never_shows_in_a_listing()
    {
        await using var test = await TestArtifactStore.CreateAsync(StoreKind.Local);
        await ArtifactStoreTests.WriteTextAsync(test.Store, "0/a.txt", "a");
        Directory.CreateDirectory(test.Local.StagingDirectory);

        Assert.True(File.Exists(Path.Combine(test.Local.Root, "0", "a.txt")));
        Assert.Equal([new ArtifactEntry("0", true, null)], await test.Store.ListAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task The_staging_directory_is_private_to_the_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No POSIX modes there.
        }

        await using var test = await TestArtifactStore.CreateAsync(StoreKind.Local);
        await ArtifactStoreTests.WriteTextAsync(test.Store, "0/a.txt", "a");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(test.Local.StagingDirectory));
    }

    [Fact]
    public async Task Stale_staging_files_are_deleted_and_recent_ones_kept()
    {
        await using var test = await TestArtifactStore.CreateAsync(StoreKind.Local);
        Directory.CreateDirectory(test.Local.StagingDirectory);
        var stale = Path.Combine(test.Local.StagingDirectory, "stale");
        var recent = Path.Combine(test.Local.StagingDirectory, "recent");
        await File.WriteAllTextAsync(stale, "x");
        await File.WriteAllTextAsync(recent, "y");
        var now = new DateTimeOffset(2030, 1, 2, 0, 0, 0, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(stale, now.UtcDateTime.AddDays(-2));
        File.SetLastWriteTimeUtc(recent, now.UtcDateTime.AddHours(-1));

        var deleted = test.Local.DeleteStaleStagingFiles(TimeSpan.FromDays(1), now);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public async Task A_file_where_a_directory_is_needed_and_the_reverse_are_refused()
    {
        await using var test = await TestArtifactStore.CreateAsync(StoreKind.Local);
        await ArtifactStoreTests.WriteTextAsync(test.Store, "0/file", "f");
        await ArtifactStoreTests.WriteTextAsync(test.Store, "0/dir/a.txt", "a");

        await Assert.ThrowsAsync<ArtifactPathException>(() => ArtifactStoreTests.WriteTextAsync(test.Store, "0/file/under", "x"));
        await Assert.ThrowsAsync<ArtifactPathException>(() => ArtifactStoreTests.WriteTextAsync(test.Store, "0/dir", "x"));
        Assert.Empty(await test.LeftoversAsync());
        Assert.Equal(
            [new ArtifactEntry("dir", true, null), new ArtifactEntry("file", false, 1)],
            await test.Store.ListAsync("0", CancellationToken.None));
    }

    [Fact]
    public async Task A_symbolic_link_inside_the_root_is_never_followed()
    {
        await using var test = await TestArtifactStore.CreateAsync(StoreKind.Local);
        var outside = Directory.CreateTempSubdirectory("slipway-outside-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "secret");
            Directory.CreateDirectory(Path.Combine(test.Local.Root, "0"));
            Directory.CreateSymbolicLink(Path.Combine(test.Local.Root, "0", "link"), outside);

            await Assert.ThrowsAsync<ArtifactPathException>(() => test.Store.OpenReadAsync("0/link/secret.txt", CancellationToken.None));
            await Assert.ThrowsAsync<ArtifactPathException>(() => ArtifactStoreTests.WriteTextAsync(test.Store, "0/link/new.txt", "x"));
            await Assert.ThrowsAsync<ArtifactPathException>(() => test.Store.ListAsync("0/link", CancellationToken.None));
            await Assert.ThrowsAsync<ArtifactPathException>(() => test.Store.DeleteAsync("0/link/secret.txt", CancellationToken.None));

            Assert.Equal(["secret.txt"], Directory.GetFiles(outside).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("0/../../outside.txt")]
    [InlineData("/tmp/outside.txt")]
    [InlineData(".staging/x")]
    public async Task A_key_that_resolves_outside_the_root_is_refused_even_unvalidated(string key)
    {
        await using var test = await TestArtifactStore.CreateAsync(StoreKind.Local);

        await Assert.ThrowsAsync<ArgumentException>(() => ArtifactStoreTests.WriteTextAsync(test.Store, key, "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => test.Store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => test.Store.DeleteAsync(key, CancellationToken.None));
        Assert.Empty(await test.AllKeysAsync());
    }
}
