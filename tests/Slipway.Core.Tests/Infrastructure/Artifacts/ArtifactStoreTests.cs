using Slipway.Core.Infrastructure.Artifacts;

namespace Slipway.Core.Tests.Infrastructure.Artifacts;

/// <summary>The contract of <see cref="IArtifactStore"/>, which the local and the S3 store both keep.</summary>
public sealed class ArtifactStoreTests
{
    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_written_file_reads_back_with_its_size_and_sha256(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);
        var bytes = TestStreams.Bytes(100_000);

        var stored = await test.Store.WriteAsync("0/run/artifacts/data.bin", new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(new StoredArtifact("0/run/artifacts/data.bin", bytes.Length, TestStreams.Sha256(bytes)), stored);
        await using var file = await test.Store.OpenReadAsync("0/run/artifacts/data.bin", CancellationToken.None);
        Assert.NotNull(file);
        Assert.Equal(bytes.Length, file.Length);
        Assert.Equal(bytes, await TestStreams.ReadAllAsync(file.Content));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_write_replaces_the_file_already_there(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);
        await test.Store.WriteAsync("0/a.txt", new MemoryStream("first version"u8.ToArray()), CancellationToken.None);

        var stored = await test.Store.WriteAsync("0/a.txt", new MemoryStream("second"u8.ToArray()), CancellationToken.None);

        Assert.Equal(6, stored.Size);
        await using var file = await test.Store.OpenReadAsync("0/a.txt", CancellationToken.None);
        Assert.Equal("second"u8.ToArray(), await TestStreams.ReadAllAsync(file!.Content));
        Assert.Equal([new ArtifactEntry("a.txt", false, 6)], await test.Store.ListAsync("0", CancellationToken.None));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task An_empty_file_is_a_file(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);

        var stored = await test.Store.WriteAsync("0/empty", Stream.Null, CancellationToken.None);

        Assert.Equal(new StoredArtifact("0/empty", 0, TestStreams.Sha256([])), stored);
        await using var file = await test.Store.OpenReadAsync("0/empty", CancellationToken.None);
        Assert.Equal(0, file!.Length);
        Assert.Equal([new ArtifactEntry("empty", false, 0)], await test.Store.ListAsync("0", CancellationToken.None));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_listing_shows_base_names_one_level_deep_and_sizes_of_files_only(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);
        await WriteTextAsync(test.Store, "0/run/artifacts/a.txt", "hello!");
        await WriteTextAsync(test.Store, "0/run/artifacts/tree/b.txt", "b");
        await WriteTextAsync(test.Store, "0/run/artifacts/tree/deeper/c.txt", "cc");

        var top = await test.Store.ListAsync("0/run/artifacts", CancellationToken.None);
        var tree = await test.Store.ListAsync("0/run/artifacts/tree", CancellationToken.None);
        var root = await test.Store.ListAsync("", CancellationToken.None);

        Assert.Equal([new ArtifactEntry("a.txt", false, 6), new ArtifactEntry("tree", true, null)], top);
        Assert.Equal([new ArtifactEntry("b.txt", false, 1), new ArtifactEntry("deeper", true, null)], tree);
        Assert.Equal([new ArtifactEntry("0", true, null)], root);
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Listing_a_missing_directory_or_a_file_gives_nothing(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);
        await WriteTextAsync(test.Store, "0/a.txt", "a");

        Assert.Null(await test.Store.ListAsync("0/missing", CancellationToken.None));
        Assert.Null(await test.Store.ListAsync("0/a.txt", CancellationToken.None));
        Assert.Null(await test.Store.ListAsync("0/a.txt/x", CancellationToken.None));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Reading_a_missing_file_or_a_directory_gives_nothing(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);
        await WriteTextAsync(test.Store, "0/tree/a.txt", "a");

        Assert.Null(await test.Store.OpenReadAsync("0/missing.txt", CancellationToken.None));
        Assert.Null(await test.Store.OpenReadAsync("0/tree", CancellationToken.None));
        Assert.Null(await test.Store.OpenReadAsync("0/tree/a.txt/x", CancellationToken.None));
        Assert.Null(await test.Store.OpenReadAsync("9/none/at/all", CancellationToken.None));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Deleting_a_directory_removes_everything_under_it_and_nothing_beside_it(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);
        await WriteTextAsync(test.Store, "0/tree/a.txt", "a");
        await WriteTextAsync(test.Store, "0/tree/deeper/b.txt", "b");
        await WriteTextAsync(test.Store, "0/tree2/c.txt", "c");
        await WriteTextAsync(test.Store, "0/tree.txt", "d");

        await test.Store.DeleteAsync("0/tree", CancellationToken.None);

        Assert.Null(await test.Store.ListAsync("0/tree", CancellationToken.None));
        Assert.Null(await test.Store.OpenReadAsync("0/tree/deeper/b.txt", CancellationToken.None));
        Assert.Equal(
            [new ArtifactEntry("tree.txt", false, 1), new ArtifactEntry("tree2", true, null)],
            await test.Store.ListAsync("0", CancellationToken.None));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Deleting_a_file_removes_only_that_file(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);
        await WriteTextAsync(test.Store, "0/a.txt", "a");
        await WriteTextAsync(test.Store, "0/a.txt2", "b");

        await test.Store.DeleteAsync("0/a.txt", CancellationToken.None);

        Assert.Null(await test.Store.OpenReadAsync("0/a.txt", CancellationToken.None));
        Assert.Equal([new ArtifactEntry("a.txt2", false, 1)], await test.Store.ListAsync("0", CancellationToken.None));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task Deleting_what_does_not_exist_succeeds(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind);
        await WriteTextAsync(test.Store, "0/a.txt", "a");

        await test.Store.DeleteAsync("0/missing", CancellationToken.None);
        await test.Store.DeleteAsync("7/missing/deep", CancellationToken.None);
        await test.Store.DeleteAsync("0/a.txt/under-a-file", CancellationToken.None);

        Assert.Equal([new ArtifactEntry("a.txt", false, 1)], await test.Store.ListAsync("0", CancellationToken.None));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_file_larger_than_a_part_is_uploaded_in_parts_and_reads_back_identical(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind, partSize: TestArtifactStore.SmallestPartSize);
        var bytes = TestStreams.Bytes((12 * 1024 * 1024) + 12345);

        var stored = await test.Store.WriteAsync("0/model/weights.bin", new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(new StoredArtifact("0/model/weights.bin", bytes.Length, TestStreams.Sha256(bytes)), stored);
        await using var file = await test.Store.OpenReadAsync("0/model/weights.bin", CancellationToken.None);
        Assert.Equal(bytes.Length, file!.Length);
        Assert.Equal(TestStreams.Sha256(bytes), TestStreams.Sha256(await TestStreams.ReadAllAsync(file.Content)));
        Assert.Empty(await test.LeftoversAsync());
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_file_of_exactly_one_part_reads_back_identical(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind, partSize: TestArtifactStore.SmallestPartSize);
        var bytes = TestStreams.Bytes((int)TestArtifactStore.SmallestPartSize);

        var stored = await test.Store.WriteAsync("0/exact.bin", new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(bytes.Length, stored.Size);
        await using var file = await test.Store.OpenReadAsync("0/exact.bin", CancellationToken.None);
        Assert.Equal(bytes, await TestStreams.ReadAllAsync(file!.Content));
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_write_whose_source_fails_half_way_leaves_nothing_visible(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind, partSize: TestArtifactStore.SmallestPartSize);
        await WriteTextAsync(test.Store, "0/keep.txt", "kept");

        // One failure inside the first part (a single request), one after two parts went up (a multipart upload).
        foreach (var length in new[] { 100_000, (int)(2.5 * TestArtifactStore.SmallestPartSize) })
        {
            await Assert.ThrowsAsync<IOException>(() =>
                test.Store.WriteAsync("0/broken.bin", new FailingStream(TestStreams.Bytes(length)), CancellationToken.None));
        }

        Assert.Null(await test.Store.OpenReadAsync("0/broken.bin", CancellationToken.None));
        Assert.Equal([new ArtifactEntry("keep.txt", false, 4)], await test.Store.ListAsync("0", CancellationToken.None));
        Assert.Empty(await test.LeftoversAsync());
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_failed_overwrite_keeps_the_old_file(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind, partSize: TestArtifactStore.SmallestPartSize);
        await WriteTextAsync(test.Store, "0/a.txt", "old");

        await Assert.ThrowsAsync<IOException>(() =>
            test.Store.WriteAsync("0/a.txt", new FailingStream(TestStreams.Bytes((int)(1.5 * TestArtifactStore.SmallestPartSize))), CancellationToken.None));

        await using var file = await test.Store.OpenReadAsync("0/a.txt", CancellationToken.None);
        Assert.Equal("old"u8.ToArray(), await TestStreams.ReadAllAsync(file!.Content));
        Assert.Empty(await test.LeftoversAsync());
    }

    [Theory]
    [ClassData(typeof(StoreKindTheoryData))]
    public async Task A_write_cancelled_half_way_leaves_nothing_visible(StoreKind kind)
    {
        await using var test = await TestArtifactStore.CreateAsync(kind, partSize: TestArtifactStore.SmallestPartSize);
        using var cancellation = new CancellationTokenSource();
        var body = new FailingStream(TestStreams.Bytes((int)(1.5 * TestArtifactStore.SmallestPartSize)), () =>
        {
            cancellation.Cancel();
            return new OperationCanceledException(cancellation.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test.Store.WriteAsync("0/cancelled.bin", body, cancellation.Token));

        Assert.Null(await test.Store.OpenReadAsync("0/cancelled.bin", CancellationToken.None));
        Assert.Null(await test.Store.ListAsync("0", CancellationToken.None));
        Assert.Empty(await test.LeftoversAsync());
    }

    internal static Task<StoredArtifact> WriteTextAsync(IArtifactStore store, string key, string text) =>
        store.WriteAsync(key, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), CancellationToken.None);
}
