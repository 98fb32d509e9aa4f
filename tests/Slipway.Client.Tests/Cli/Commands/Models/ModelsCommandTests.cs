using Slipway.Cli;
using Slipway.Client.Tests.Support;
using Slipway.Tests.Models;

namespace Slipway.Client.Tests.Cli.Commands.Models;

public sealed class ModelsCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task Upload_and_import_create_versions_and_print_their_files()
    {
        using var tree = new TempTree().Write("model.onnx", PackageContents.Onnx);
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

    private async Task<string> RegisterAsync(double accuracy)
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var runId = await fixture.Mlflow.CreateRunAsync();
        await fixture.Mlflow.LogModelFilesAsync(runId);
        await fixture.Mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "accuracy", value = accuracy, timestamp = 1 });
        await fixture.Mlflow.OkAsync("registered-models/create", new { name, description = "Forecasts bike rentals." });
        await fixture.Mlflow.OkAsync("model-versions/create", new { name, source = $"runs:/{runId}/model", run_id = runId });
        return name;
    }

    [Fact]
    public async Task Models_are_listed_shown_with_their_versions_and_cards()
    {
        var name = await RegisterAsync(0.93);

        var list = (await Cli.RunAsync("models", "list", "--filter", $"name = '{name}'", "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal(name, list.Json.GetProperty("items")[0].GetProperty("name").GetString());
        var table = (await Cli.RunAsync("models", "list", "--filter", $"name = '{name}'")).AssertExit(ExitCodes.Success);
        Assert.Contains("Forecasts bike rentals.", table.Stdout, StringComparison.Ordinal);

        var shown = (await Cli.RunAsync("models", "show", name, "--version", "1", "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal(1, shown.Json.GetProperty("version").GetInt32());
        var versions = (await Cli.RunAsync("models", "versions", name)).AssertExit(ExitCodes.Success);
        Assert.Contains("in_house", versions.Stdout, StringComparison.Ordinal);

        var card = (await Cli.RunAsync("models", "card", name, "1")).AssertExit(ExitCodes.Success);
        Assert.Contains($"# {name} — version 1", card.Stdout, StringComparison.Ordinal);
        Assert.Contains("| accuracy | 0.93 |", card.Stdout, StringComparison.Ordinal);
        var cardJson = (await Cli.RunAsync("models", "card", name, "1", "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal(0.93, cardJson.Json.GetProperty("metrics").GetProperty("accuracy").GetDouble());

        (await Cli.RunAsync("models", "show", name, "--version", "9")).AssertExit(ExitCodes.NotFound);
    }

    [Fact]
    public async Task The_catalog_is_searched_with_filters_and_facets()
    {
        var name = await RegisterAsync(0.81);

        var result = (await Cli.RunAsync("models", "search", name, "--metric", "accuracy>=0.8", "--json")).AssertExit(ExitCodes.Success);
        var hit = Assert.Single(result.Json.GetProperty("items").EnumerateArray());
        Assert.Equal(name, hit.GetProperty("name").GetString());
        Assert.Equal(0.81, hit.GetProperty("metrics").GetProperty("accuracy").GetDouble());

        var table = (await Cli.RunAsync("models", "search", name)).AssertExit(ExitCodes.Success);
        Assert.Contains(name, table.Stdout, StringComparison.Ordinal);
        Assert.Contains("origin: in_house (1)", table.Stderr, StringComparison.Ordinal);
        Assert.Empty((await Cli.RunAsync("models", "search", name, "--metric", "accuracy>=0.9", "--json")).AssertExit(ExitCodes.Success).Json.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Show_and_search_flag_a_pickled_version_as_an_unsafe_format()
    {
        var name = "cli-pickle-" + Guid.NewGuid().ToString("N")[..8];
        var runId = await fixture.Mlflow.CreateRunAsync();
        await fixture.Mlflow.LogModelFilesAsync(runId, files: PackageContents.Of(ModelPackages.PickleOnlyMlflow));
        await fixture.Mlflow.OkAsync("registered-models/create", new { name });
        await fixture.Mlflow.OkAsync("model-versions/create", new { name, source = $"runs:/{runId}/model", run_id = runId });

        var shown = (await Cli.RunAsync("models", "show", name, "--version", "1")).AssertExit(ExitCodes.Success);
        Assert.Contains("Unsafe format", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("executes code (pickle); Slipway never loads it.", shown.Stderr, StringComparison.Ordinal);
        Assert.True((await Cli.RunAsync("models", "show", name, "--version", "1", "--json")).AssertExit(ExitCodes.Success).Json.GetProperty("unsafe_format").GetBoolean());

        var hit = Assert.Single((await Cli.RunAsync("models", "search", name, "--json")).AssertExit(ExitCodes.Success).Json.GetProperty("items").EnumerateArray());
        Assert.True(hit.GetProperty("unsafe_format").GetBoolean());
        var table = (await Cli.RunAsync("models", "search", name)).AssertExit(ExitCodes.Success);
        Assert.Contains("1 of these versions use an unsafe format; loading them executes code (pickle).", table.Stderr, StringComparison.Ordinal);

        var safe = await RegisterAsync(0.5);
        Assert.DoesNotContain("unsafe", (await Cli.RunAsync("models", "search", safe)).AssertExit(ExitCodes.Success).Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("executes code", (await Cli.RunAsync("models", "show", safe, "--version", "1")).AssertExit(ExitCodes.Success).Stderr, StringComparison.Ordinal);
    }
}
