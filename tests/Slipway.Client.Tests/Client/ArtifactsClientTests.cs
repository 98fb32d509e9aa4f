using System.Net;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Client;

public sealed class ArtifactsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_directory_round_trips_byte_for_byte_with_progress_up_to_its_size()
    {
        var runId = await fixture.Mlflow.CreateRunAsync();
        var root = $"0/{runId}/artifacts/model";
        using var source = new TempTree()
            .Write("MLmodel", "flavors: {}\n")
            .Write("data/weights.bin", Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray())
            .Write("data/empty.txt", string.Empty)
            .Write("notes with space.txt", "é ü\n");
        var uploaded = new RecordingProgress();

        var count = await fixture.Client.Artifacts.UploadDirectoryAsync(source.Root, root, uploaded);

        Assert.Equal(4, count);
        Assert.Equal(TempTree.Read(source.Root).Values.Sum(b => (long)b.Length), uploaded.Last);
        Assert.Equal(uploaded.Values.Order(), uploaded.Values);

        var top = await fixture.Client.Artifacts.ListAsync(root);
        Assert.Equal(["MLmodel", "data", "notes with space.txt"], top.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.True(top.Single(f => f.Path == "data").IsDir);
        Assert.Equal(12, top.Single(f => f.Path == "MLmodel").FileSize);

        var files = await fixture.Client.Artifacts.ListFilesAsync(root);
        Assert.Equal(["MLmodel", "data/empty.txt", "data/weights.bin", "notes with space.txt"], files.Select(f => f.Path).Order(StringComparer.Ordinal));

        using var target = new TempTree();
        var downloaded = new RecordingProgress();
        Assert.Equal(4, await fixture.Client.Artifacts.DownloadDirectoryAsync(root, target.Root, downloaded));
        Assert.Equal(TempTree.Read(source.Root), TempTree.Read(target.Root));
        Assert.Equal(uploaded.Last, downloaded.Last);
    }

    [Fact]
    public async Task A_stream_uploads_and_downloads_into_a_stream()
    {
        var path = $"0/{await fixture.Mlflow.CreateRunAsync()}/artifacts/hello.txt";
        using (var content = new MemoryStream("hello!"u8.ToArray()))
        {
            await fixture.Client.Artifacts.UploadAsync(path, content);
        }

        using var destination = new MemoryStream();
        await fixture.Client.Artifacts.DownloadAsync(path, destination);

        Assert.Equal("hello!"u8.ToArray(), destination.ToArray());
    }

    [Fact]
    public async Task A_missing_file_is_a_404_and_leaves_no_partial_file()
    {
        using var target = new TempTree();
        var local = target.PathOf("missing.bin");

        var error = await Assert.ThrowsAsync<SlipwayApiException>(() =>
            fixture.Client.Artifacts.DownloadFileAsync($"0/{Guid.NewGuid():N}/artifacts/missing.bin", local));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", error.Code);
        Assert.False(File.Exists(local));
    }

    [Fact]
    public async Task A_missing_directory_lists_as_empty()
    {
        Assert.Empty(await fixture.Client.Artifacts.ListFilesAsync($"0/{Guid.NewGuid():N}/artifacts"));
    }

    private sealed class RecordingProgress : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public long Last => Values.Count == 0 ? 0 : Values[^1];

        public void Report(long value) => Values.Add(value);
    }
}
