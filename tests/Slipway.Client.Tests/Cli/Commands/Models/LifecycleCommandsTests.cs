using Slipway.Cli;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli.Commands.Models;

public sealed class LifecycleCommandsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    private async Task<string> CreateModelAsync(int versions)
    {
        var name = "cli-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Mlflow.OkAsync("registered-models/create", new { name });
        for (var i = 1; i <= versions; i++)
        {
            await fixture.Mlflow.PutArtifactsAsync($"models/{name}/{i}");
            await fixture.Mlflow.OkAsync("model-versions/create", new { name, source = $"mlflow-artifacts:/models/{name}/{i}" });
        }

        return name;
    }

    [Fact]
    public async Task Retention_is_set_previewed_run_and_shown_and_protected_versions_are_kept()
    {
        var name = await CreateModelAsync(versions: 5);
        await fixture.Mlflow.OkAsync("registered-models/alias", new { name, alias = "champion", version = "1" });
        (await Cli.RunAsync("models", "hold", name, "2", "INC-9", "--reason", "review")).AssertExit(ExitCodes.Success);
        var holds = (await Cli.RunAsync("models", "hold", name, "2", "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal("INC-9", holds.Json[0].GetProperty("reference").GetString());

        var set = (await Cli.RunAsync("models", "retention", "set", name, "--keep-newest", "2", "--delete-files-after-days", "14", "--disabled")).AssertExit(ExitCodes.Success);
        Assert.Contains("14", set.Stdout, StringComparison.Ordinal);
        var shown = (await Cli.RunAsync("models", "retention", "show", name, "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal(2, shown.Json.GetProperty("keep_newest").GetInt32());
        Assert.False(shown.Json.GetProperty("enabled").GetBoolean());

        var preview = (await Cli.RunAsync("models", "retention", "run", name, "--dry-run")).AssertExit(ExitCodes.Success);
        Assert.Contains("would archive", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("alias 'champion'", preview.Stdout, StringComparison.Ordinal);
        Assert.Contains("Nothing changed", preview.Stderr, StringComparison.Ordinal);
        var run = (await Cli.RunAsync("models", "retention", "run", name, "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal([3], run.Json.GetProperty("archived").EnumerateArray().Select(i => i.GetProperty("version").GetInt32()));

        var history = (await Cli.RunAsync("models", "history", name, "3")).AssertExit(ExitCodes.Success);
        Assert.Contains("ARCHIVED", history.Stdout, StringComparison.Ordinal);
        Assert.Contains("admin", history.Stdout, StringComparison.Ordinal);
        var modelHistory = (await Cli.RunAsync("models", "history", name, "--json")).AssertExit(ExitCodes.Success);
        Assert.Contains(modelHistory.Json.GetProperty("items").EnumerateArray(), e => e.GetProperty("entity").GetString() == "RETENTION_POLICY");
    }

    [Fact]
    public async Task Archive_restore_and_unhold_report_their_outcome_and_refusals_exit_with_an_API_error()
    {
        var name = await CreateModelAsync(versions: 2);
        (await Cli.RunAsync("models", "hold", name, "1", "keep")).AssertExit(ExitCodes.Success);
        var refused = (await Cli.RunAsync("models", "archive", name, "1")).AssertExit(ExitCodes.ApiError);
        Assert.Contains("held by manual 'keep'", refused.Stderr, StringComparison.Ordinal);
        (await Cli.RunAsync("models", "unhold", name, "1", "keep")).AssertExit(ExitCodes.Success);

        var archived = (await Cli.RunAsync("models", "archive", name, "1", "--reason", "old")).AssertExit(ExitCodes.Success);
        Assert.Contains("stage Archived", archived.Stdout, StringComparison.Ordinal);
        var restored = (await Cli.RunAsync("models", "restore", name, "1", "--json")).AssertExit(ExitCodes.Success);
        Assert.Equal("None", restored.Json.GetProperty("stage").GetString());
        (await Cli.RunAsync("models", "restore", name, "1")).AssertExit(ExitCodes.ApiError);
        (await Cli.RunAsync("models", "archive", name, "9")).AssertExit(ExitCodes.NotFound);
    }
}
