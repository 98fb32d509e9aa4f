using System.Net;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Tracking.Runs;

/// <summary>
/// A run's metrics, model inputs and model outputs name logged models of the run's own experiment only (MLflow 3
/// keeps a run and its logged models in one experiment). A model elsewhere is refused with the message an unknown
/// model gets, so the refusal does not tell whether it exists.
/// </summary>
public sealed class RunModelLinkTests
{
    private const string UnknownModel = "m-00000000000000000000000000000000";

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_metric_cannot_be_written_into_a_logged_model_of_another_experiment(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var (runId, ownModel, foreignModel) = await SeedAsync(api);

        foreach (var rpc in new[] { "runs/log-batch", "runs/log-metric" })
        {
            var foreign = await LogMetricAsync(api, rpc, runId, foreignModel);
            var unknown = await LogMetricAsync(api, rpc, runId, UnknownModel);
            MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", foreign);
            MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", unknown);
            Assert.Contains(foreignModel, Message(foreign), StringComparison.Ordinal);
            Assert.Equal(Message(unknown).Replace(UnknownModel, foreignModel, StringComparison.Ordinal), Message(foreign));
        }

        await LogMetricAsync(api, "runs/log-batch", runId, ownModel);
        var foreignData = (await api.GetOkAsync($"logged-models/{foreignModel}")).GetProperty("model").GetProperty("data");
        Assert.False(foreignData.TryGetProperty("metrics", out var metrics) && metrics.GetArrayLength() > 0, "The foreign model got a metric.");
        var ownMetrics = (await api.GetOkAsync($"logged-models/{ownModel}")).GetProperty("model").GetProperty("data").GetProperty("metrics");
        Assert.Equal(runId, Assert.Single(ownMetrics.EnumerateArray()).GetProperty("run_id").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_run_cannot_link_a_logged_model_of_another_experiment_as_input_or_output(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var (runId, ownModel, foreignModel) = await SeedAsync(api);

        var output = await api.PostAsync("runs/outputs", new { run_id = runId, models = new[] { new { model_id = foreignModel, step = 1 } } });
        var unknownOutput = await api.PostAsync("runs/outputs", new { run_id = runId, models = new[] { new { model_id = UnknownModel, step = 1 } } });
        var input = await api.PostAsync("runs/log-inputs", new { run_id = runId, models = new[] { new { model_id = foreignModel } } });
        var unknownInput = await api.PostAsync("runs/log-inputs", new { run_id = runId, models = new[] { new { model_id = UnknownModel } } });
        foreach (var (refused, unknown) in new[] { (output, unknownOutput), (input, unknownInput) })
        {
            MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", refused);
            MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", unknown);
            Assert.Equal(Message(unknown).Replace(UnknownModel, foreignModel, StringComparison.Ordinal), Message(refused));
        }

        await api.OkAsync("runs/outputs", new { run_id = runId, models = new[] { new { model_id = ownModel, step = 1 } } });
        await api.OkAsync("runs/log-inputs", new { run_id = runId, models = new[] { new { model_id = ownModel } } });
        var run = (await api.GetOkAsync($"runs/get?run_id={runId}")).GetProperty("run");
        Assert.Equal(ownModel, Assert.Single(run.GetProperty("inputs").GetProperty("model_inputs").EnumerateArray()).GetProperty("model_id").GetString());
        Assert.Equal(ownModel, Assert.Single(run.GetProperty("outputs").GetProperty("model_outputs").EnumerateArray()).GetProperty("model_id").GetString());
    }

    /// <summary>A run with a logged model in its experiment, and a logged model in another experiment.</summary>
    private static async Task<(string RunId, string OwnModel, string ForeignModel)> SeedAsync(MlflowApi api)
    {
        var home = await api.CreateExperimentAsync("home");
        var elsewhere = await api.CreateExperimentAsync("elsewhere");
        var runId = await api.CreateRunAsync(home);
        var otherRun = await api.CreateRunAsync(elsewhere);
        var own = await api.OkAsync("logged-models", new { experiment_id = home, name = "own", source_run_id = runId });
        var foreign = await api.OkAsync("logged-models", new { experiment_id = elsewhere, name = "foreign", source_run_id = otherRun });
        return (runId, ModelId(own), ModelId(foreign));
    }

    private static string ModelId(JsonElement created) => created.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;

    private static Task<(HttpStatusCode Status, JsonElement Body)> LogMetricAsync(MlflowApi api, string rpc, string runId, string modelId) =>
        rpc == "runs/log-metric"
            ? api.PostAsync(rpc, new { run_id = runId, key = "acc", value = 0.5, timestamp = 1, step = 0, model_id = modelId })
            : api.PostAsync(rpc, new { run_id = runId, metrics = new[] { new { key = "acc", value = 0.5, timestamp = 1, step = 0, model_id = modelId } } });

    private static string Message((HttpStatusCode Status, JsonElement Body) response) => response.Body.GetProperty("message").GetString()!;
}
