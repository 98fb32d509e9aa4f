using Slipway.Cli;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli.Commands.Runs;

public sealed class ShowCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task A_run_is_shown_with_metrics_params_and_tags()
    {
        var runId = await fixture.Mlflow.CreateRunAsync();
        await fixture.Mlflow.OkAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = new object[] { new { key = "rmse", value = 0.125, timestamp = 1, step = 3 }, new { key = "loss", value = "NaN", timestamp = 1, step = 0 } },
            @params = new[] { new { key = "depth", value = "7" } },
            tags = new[] { new { key = "team", value = "risk" } },
        });

        var table = (await Cli.RunAsync("runs", "show", runId)).AssertExit(ExitCodes.Success);
        var json = (await Cli.RunAsync("runs", "show", runId, "--json")).AssertExit(ExitCodes.Success);

        foreach (var expected in new[] { runId, "rmse", "0.125", "NaN", "depth", "7", "team", "risk", "RUNNING" })
        {
            Assert.Contains(expected, table.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(runId, json.Json.GetProperty("id").GetString());
        Assert.Equal(0.125, json.Json.GetProperty("metrics").GetProperty("rmse").GetProperty("value").GetDouble());
        Assert.Equal("NaN", json.Json.GetProperty("metrics").GetProperty("loss").GetProperty("value").GetString());
        Assert.Equal("7", json.Json.GetProperty("params").GetProperty("depth").GetString());
    }

    [Fact]
    public async Task An_unknown_run_exits_with_not_found()
    {
        (await Cli.RunAsync("runs", "show", Guid.NewGuid().ToString("N"))).AssertExit(ExitCodes.NotFound);
    }
}
