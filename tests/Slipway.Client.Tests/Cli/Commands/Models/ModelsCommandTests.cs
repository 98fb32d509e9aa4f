using Slipway.Cli;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli.Commands.Models;

public sealed class ModelsCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task Upload_and_import_create_versions_and_print_their_files()
    {
        using var tree = new TempTree().Write("model.onnx", [1, 2, 3]);
        await fixture.Mlflow.OkAsync("registered-models/create", new { name = "cli-model" });

        var table = (await Cli.RunAsync("models", "upload", "cli-model", tree.PathOf("model.onnx"), "--description", "from the cli")).AssertExit(ExitCodes.Success);
        Assert.Contains("model.onnx", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("in_house", table.Stdout, StringComparison.Ordinal);

        var json = (await Cli.RunAsync("models", "import", "cli-model", tree.PathOf("model.onnx"), "--origin", "huggingface", "--license", "mit", "--json"))
            .AssertExit(ExitCodes.Success);
        Assert.Equal(("2", "third_party", "mit"), (json.Json.GetProperty("version").GetString(), json.Json.GetProperty("origin").GetString(), json.Json.GetProperty("license").GetString()));

        (await Cli.RunAsync("models", "upload", "no-such-model", tree.PathOf("model.onnx"))).AssertExit(ExitCodes.NotFound);
        (await Cli.RunAsync("models", "upload", "cli-model", tree.PathOf("missing.onnx"))).AssertExit(ExitCodes.Usage);
    }
}
