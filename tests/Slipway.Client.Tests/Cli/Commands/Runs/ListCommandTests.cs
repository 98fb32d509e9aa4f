using Slipway.Cli;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Cli.Commands.Runs;

public sealed class ListCommandTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private CliRunner Cli => new(fixture.Server.BaseAddress, fixture.Server.AdminToken);

    [Fact]
    public async Task Runs_are_filtered_and_ordered_across_repeated_experiment_ids()
    {
        var first = await fixture.Mlflow.CreateExperimentAsync();
        var second = await fixture.Mlflow.CreateExperimentAsync();
        var low = await fixture.Mlflow.CreateRunAsync(first);
        var high = await fixture.Mlflow.CreateRunAsync(second);
        var other = await fixture.Mlflow.CreateRunAsync(second);
        await fixture.Mlflow.OkAsync("runs/log-metric", new { run_id = low, key = "acc", value = 0.6, timestamp = 1 });
        await fixture.Mlflow.OkAsync("runs/log-metric", new { run_id = high, key = "acc", value = 0.9, timestamp = 1 });

        var result = (await Cli.RunAsync(
            "runs", "list", "--experiment-id", first, "--experiment-id", second, "--filter", "metrics.acc > 0.5", "--order-by", "metrics.acc DESC", "--json"))
            .AssertExit(ExitCodes.Success);

        Assert.Equal([high, low], result.Json.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.DoesNotContain(other, result.Stdout, StringComparison.Ordinal);
    }
}
