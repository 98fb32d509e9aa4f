using Slipway.Cli;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli.Commands.Artifacts;

public sealed class ArtifactsCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task A_directory_uploaded_and_downloaded_comes_back_identical()
    {
        var root = $"0/{await fixture.Mlflow.CreateRunAsync()}/artifacts/sub";
        using var source = new TempTree()
            .Write("a.txt", "hello\n")
            .Write("nested/deeper/b.bin", Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray())
            .Write("nested/c.json", "{}");
        using var target = new TempTree();

        var upload = (await Cli.RunAsync("artifacts", "upload", source.Root, root, "--json")).AssertExit(ExitCodes.Success);
        var download = (await Cli.RunAsync("artifacts", "download", root, target.PathOf("out"))).AssertExit(ExitCodes.Success);

        Assert.Equal(3, upload.Json.GetProperty("files").GetInt32());
        Assert.Equal(200_008, upload.Json.GetProperty("bytes").GetInt64());
        Assert.Contains("Downloaded 3 files", download.Stdout, StringComparison.Ordinal);
        Assert.Equal(TempTree.Read(source.Root), TempTree.Read(target.PathOf("out")));
    }

    [Fact]
    public async Task A_single_file_lands_under_the_artifact_path_and_downloads_into_a_directory()
    {
        var root = $"0/{await fixture.Mlflow.CreateRunAsync()}/artifacts";
        using var source = new TempTree().Write("model.onnx", "weights");
        using var target = new TempTree();

        (await Cli.RunAsync("artifacts", "upload", source.PathOf("model.onnx"), root)).AssertExit(ExitCodes.Success);
        (await Cli.RunAsync("artifacts", "download", $"{root}/model.onnx", target.Root)).AssertExit(ExitCodes.Success);

        Assert.Equal("weights", File.ReadAllText(target.PathOf("model.onnx")));
    }

    [Fact]
    public async Task Downloading_a_missing_path_exits_with_not_found()
    {
        using var target = new TempTree();

        (await Cli.RunAsync("artifacts", "download", $"0/{Guid.NewGuid():N}/artifacts/nothing", target.PathOf("x"))).AssertExit(ExitCodes.NotFound);

        Assert.False(File.Exists(target.PathOf("x")));
    }

    [Fact]
    public async Task A_destination_under_a_regular_file_is_a_file_system_error()
    {
        var root = $"0/{await fixture.Mlflow.CreateRunAsync()}/artifacts";
        using var source = new TempTree().Write("a.txt", "a");
        using var target = new TempTree().Write("blocker", "not a directory");
        (await Cli.RunAsync("artifacts", "upload", source.PathOf("a.txt"), root)).AssertExit(ExitCodes.Success);

        (await Cli.RunAsync("artifacts", "download", $"{root}/a.txt", target.PathOf("blocker/a.txt"))).AssertExit(ExitCodes.FileSystemError);
    }

    [Fact]
    public async Task Uploading_a_missing_local_path_is_a_usage_error()
    {
        var result = await Cli.RunAsync("artifacts", "upload", "/no/such/dir", "0/x/artifacts");

        result.AssertExit(ExitCodes.Usage);
        Assert.Contains("/no/such/dir", result.Stderr, StringComparison.Ordinal);
    }
}
