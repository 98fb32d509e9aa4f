using System.Net;
using Slipway.Client.Tests.Support;

namespace Slipway.Client.Tests.Client;

public sealed class RunsClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task A_run_comes_back_with_its_latest_metrics_params_and_tags_including_NaN()
    {
        var runId = await fixture.Mlflow.CreateRunAsync();
        await fixture.Mlflow.OkAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = new object[]
            {
                new { key = "rmse", value = 0.5, timestamp = 10, step = 1 },
                new { key = "rmse", value = 0.25, timestamp = 20, step = 2 },
                new { key = "loss", value = "NaN", timestamp = 20, step = 2 },
            },
            @params = new[] { new { key = "model", value = "tree" } },
            tags = new[] { new { key = "team", value = "risk" } },
        });

        var run = await fixture.Client.Runs.GetAsync(runId);

        Assert.Equal(runId, run.Id);
        Assert.Equal("0", run.ExperimentId);
        Assert.Equal("RUNNING", run.Status);
        Assert.Equal($"mlflow-artifacts:/0/{runId}/artifacts", run.ArtifactUri);
        Assert.Equal(0.25, run.Metrics["rmse"].Value);
        Assert.Equal(2, run.Metrics["rmse"].Step);
        Assert.True(double.IsNaN(run.Metrics["loss"].Value));
        Assert.Equal("tree", run.Params["model"]);
        Assert.Equal("risk", run.Tags["team"]);
    }

    [Fact]
    public async Task Runs_are_listed_by_experiment_filter_and_order()
    {
        var experimentId = await fixture.Mlflow.CreateExperimentAsync();
        var ids = new List<string>();
        foreach (var accuracy in new[] { 0.7, 0.9, 0.8 })
        {
            var runId = await fixture.Mlflow.CreateRunAsync(experimentId);
            await fixture.Mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "acc", value = accuracy, timestamp = 1 });
            ids.Add(runId);
        }

        var page = await fixture.Client.Runs.ListAsync(new RunQuery
        {
            ExperimentIds = [experimentId],
            Filter = "metrics.acc > 0.75",
            OrderBy = ["metrics.acc DESC"],
        });

        Assert.Equal([ids[1], ids[2]], page.Items.Select(r => r.Id));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Metric_history_pages_through_every_point()
    {
        var runId = await fixture.Mlflow.CreateRunAsync();
        for (var step = 0; step < 5; step++)
        {
            await fixture.Mlflow.OkAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 1.0 / (step + 1), timestamp = step, step });
        }

        var first = await fixture.Client.Runs.GetMetricHistoryAsync(runId, "loss", limit: 3);
        var second = await fixture.Client.Runs.GetMetricHistoryAsync(runId, "loss", limit: 3, cursor: first.NextCursor);

        Assert.NotNull(first.NextCursor);
        Assert.Equal([0L, 1, 2, 3, 4], first.Items.Concat(second.Items).Select(p => p.Step).Order());
    }

    [Fact]
    public async Task An_unknown_run_is_a_404()
    {
        var error = await Assert.ThrowsAsync<SlipwayApiException>(() => fixture.Client.Runs.GetAsync(Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
