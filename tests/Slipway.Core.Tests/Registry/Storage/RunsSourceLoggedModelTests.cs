using System.Net;
using System.Text.Json;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Registry.Storage;

/// <summary>
/// A <c>runs:/&lt;run&gt;/&lt;name&gt;</c> source whose run path holds no files resolves to the run's logged model named
/// <c>&lt;name&gt;</c>, as the 3.x client does (mlflow-rest.md §4.5, §5.3).
/// </summary>
public sealed class RunsSourceLoggedModelTests
{
    private const string Proxy = "api/2.0/mlflow-artifacts/artifacts";

    private static readonly Dictionary<string, byte[]> ModelFiles = PackageContents.Of(ModelPackages.MlflowOnnx);

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_runs_source_naming_a_3x_logged_model_of_the_run_registers_that_models_files(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var modelId = await LogModel3xAsync(api, runId, sourceRunId: runId);
        await api.OkAsync("registered-models/create", new { name = "churn" });

        var created = (await api.OkAsync("model-versions/create", new { name = "churn", source = $"runs:/{runId}/model", run_id = runId })).GetProperty("model_version");

        Assert.Equal(("1", "READY", $"runs:/{runId}/model", runId),
            (created.GetProperty("version").GetString(), created.GetProperty("status").GetString(), created.GetProperty("source").GetString(), created.GetProperty("run_id").GetString()));
        await AssertRegistryCopyAsync(server, api, "churn", "1");
        Assert.Equal([("churn", "1")], await RegistrationsAsync(api, modelId));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_logged_model_the_run_recorded_as_an_output_is_found_too_and_a_path_below_its_name_is_kept(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var modelId = await LogModel3xAsync(api, runId, sourceRunId: null);
        await api.OkAsync("registered-models/create", new { name = "m" });

        await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model", run_id = runId });
        await AssertRegistryCopyAsync(server, api, "m", "1");
        Assert.Equal([("m", "1")], await RegistrationsAsync(api, modelId));

        // A sub-path of the logged model's files: here a single file.
        await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model/model.onnx", run_id = runId });
        var files = JsonDocument.Parse(await server.Client.GetStringAsync("api/v1/models/m/versions/2/files")).RootElement;
        Assert.Equal(["model.onnx"], files.EnumerateArray().Select(f => f.GetProperty("path").GetString()));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_runs_own_files_win_and_a_truly_empty_source_is_still_refused(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var otherRun = await api.CreateRunAsync();
        var modelId = await LogModel3xAsync(api, runId, sourceRunId: runId);
        await api.OkAsync("registered-models/create", new { name = "m" });

        // Another run's logged model, a model with another name and a deleted run path are not borrowed.
        foreach (var source in new[] { $"runs:/{otherRun}/model", $"runs:/{runId}/other", $"runs:/{runId}/model/missing.bin" })
        {
            var empty = await api.PostAsync("model-versions/create", new { name = "m", source, run_id = runId });
            MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", empty);
            Assert.Contains("holds no files", empty.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        await TestPackages.AssertNothingLeftAsync(server, "m");

        // When the run logged files at the path itself (2.x style), those are registered and no logged model is linked.
        var runFiles = new Dictionary<string, byte[]>(ModelFiles) { ["run-only.txt"] = [1, 2, 3] };
        await api.LogModelFilesAsync(runId, files: runFiles);
        await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model", run_id = runId });
        var uri = (await api.GetOkAsync("model-versions/get-download-uri?name=m&version=1")).GetProperty("artifact_uri").GetString()!;
        Assert.Equal(runFiles["run-only.txt"], await server.Client.GetByteArrayAsync($"{Proxy}/{uri["mlflow-artifacts:/".Length..]}/run-only.txt"));
        Assert.Empty(await RegistrationsAsync(api, modelId));
    }

    /// <summary>What <c>mlflow.onnx.log_model(name="model")</c> sends from a 3.x client (§5.2).</summary>
    private static async Task<string> LogModel3xAsync(MlflowApi api, string runId, string? sourceRunId)
    {
        var logged = await api.OkAsync("logged-models", sourceRunId is null
            ? new { experiment_id = "0", name = "model" }
            : (object)new { experiment_id = "0", name = "model", source_run_id = sourceRunId });
        var modelId = logged.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;
        await api.OkAsync("runs/outputs", new { run_id = runId, models = new[] { new { model_id = modelId, step = 0 } } });
        await api.PutArtifactsAsync($"0/models/{modelId}/artifacts", ModelFiles);
        var ready = await api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"api/2.0/mlflow/logged-models/{modelId}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { model_id = modelId, status = "LOGGED_MODEL_READY" }),
        });
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        return modelId;
    }

    private static async Task AssertRegistryCopyAsync(SlipwayTestServer server, MlflowApi api, string name, string version)
    {
        var uri = (await api.GetOkAsync($"model-versions/get-download-uri?name={name}&version={version}")).GetProperty("artifact_uri").GetString()!;
        Assert.StartsWith("mlflow-artifacts:/registry/", uri, StringComparison.Ordinal);
        foreach (var (path, bytes) in ModelFiles)
        {
            Assert.Equal(bytes, await server.Client.GetByteArrayAsync($"{Proxy}/{uri["mlflow-artifacts:/".Length..]}/{path}"));
        }
    }

    private static async Task<List<(string, string)>> RegistrationsAsync(MlflowApi api, string modelId)
    {
        var info = (await api.GetOkAsync($"logged-models/{modelId}")).GetProperty("model").GetProperty("info");
        var tag = info.TryGetProperty("tags", out var tags)
            ? tags.EnumerateArray().FirstOrDefault(t => t.GetProperty("key").GetString() == "mlflow.modelVersions")
            : default;
        return tag.ValueKind == JsonValueKind.Undefined
            ? []
            : JsonDocument.Parse(tag.GetProperty("value").GetString()!).RootElement.EnumerateArray()
                .Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("version").GetString()!)).ToList();
    }
}
