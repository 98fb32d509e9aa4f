using System.Net;
using System.Text;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Compatibility.Tests.Mlflow;

/// <summary>
/// The registry flow of the stock Python clients, call for call as mlflow-rest.md §5.2–§5.3 records them: log a model
/// directory as run artifacts (2.x) and as a logged model (3.x), register both, move the <c>champion</c> alias, resolve
/// <c>models:/</c> URIs, transition stages, search with the prompt-exclusion clause the 3.x client adds, and download the
/// version the way <c>load_model</c> does (list recursively, then GET each file). The npm client has no registry calls,
/// so this is raw HTTP.
/// </summary>
public sealed class RegistryClientFlowTests
{
    private const string PromptClause = "tag.`mlflow.prompt.is_prompt` != 'true'";

    private static readonly Dictionary<string, string> ModelFiles = new()
    {
        ["MLmodel"] = "artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n    python_version: 3.11.9\n  sklearn:\n    pickled_model: model.pkl\n    serialization_format: cloudpickle\n    sklearn_version: 1.5.0\nmlflow_version: 2.16.0\n",
        ["model.pkl"] = "not really a pickle; the server never loads it",
        ["requirements.txt"] = "mlflow==2.16.0\nscikit-learn==1.5.0\n",
        ["conda/env.yaml"] = "name: mlflow-env\n",
    };

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_python_client_registry_flow_works_end_to_end(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var name = "flow-" + Guid.NewGuid().ToString("N")[..8];

        // 2.x: log_model writes the directory under the run's artifacts, then register_model from that path.
        var experimentId = await api.CreateExperimentAsync();
        var runId = await api.CreateRunAsync(experimentId);
        foreach (var (path, content) in ModelFiles)
        {
            await PutAsync(server.Client, $"{experimentId}/{runId}/artifacts/model/{path}", content);
        }

        await api.OkAsync("runs/log-batch", new { run_id = runId, metrics = new[] { new { key = "accuracy", value = 0.84, timestamp = 1, step = 0 } } });
        await api.OkAsync("registered-models/create", new { name });
        var v1 = await api.OkAsync("model-versions/create", new { name, source = $"mlflow-artifacts:/{experimentId}/{runId}/artifacts/model", run_id = runId });
        Assert.Equal("1", v1.GetProperty("model_version").GetProperty("version").GetString());
        Assert.Equal("READY", v1.GetProperty("model_version").GetProperty("status").GetString());

        // 3.x: log_model creates a logged model, uploads into it, finalizes it, then register_model("models:/m-…").
        var logged = await api.OkAsync("logged-models", new { experiment_id = experimentId, name = "model", source_run_id = runId });
        var modelId = logged.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;
        await api.OkAsync("runs/outputs", new { run_id = runId, models = new[] { new { model_id = modelId, step = 0 } } });
        foreach (var (path, content) in ModelFiles)
        {
            await PutAsync(server.Client, $"{experimentId}/models/{modelId}/artifacts/{path}", content);
        }

        await SendOkAsync(server.Client, HttpMethod.Patch, $"api/2.0/mlflow/logged-models/{modelId}", new { model_id = modelId, status = "LOGGED_MODEL_READY" });
        var duplicate = await api.PostAsync("registered-models/create", new { name });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", duplicate);
        var v2 = await api.OkAsync("model-versions/create", new { name, source = $"models:/{modelId}", model_id = modelId });
        Assert.Equal("2", v2.GetProperty("model_version").GetProperty("version").GetString());
        Assert.Equal(runId, v2.GetProperty("model_version").GetProperty("run_id").GetString());
        await api.GetOkAsync($"registered-models/get?name={name}");
        var loggedAfter = await api.GetOkAsync($"logged-models/{modelId}");
        Assert.Contains(name, loggedAfter.ToString(), StringComparison.Ordinal);

        // Aliases: set champion on 1, resolve models:/name@champion (alias → get → download URI), move it to 2.
        await api.OkAsync("registered-models/alias", new { name, alias = "champion", version = "1" });
        Assert.Equal("1", (await ResolveAliasAsync(api, name, "champion")).GetProperty("version").GetString());
        await api.OkAsync("registered-models/alias", new { name, alias = "champion", version = "2" });
        Assert.Equal("2", (await ResolveAliasAsync(api, name, "champion")).GetProperty("version").GetString());
        var model = await api.GetOkAsync($"registered-models/get?name={name}");
        var alias = Assert.Single(model.GetProperty("registered_model").GetProperty("aliases").EnumerateArray());
        Assert.Equal("2", alias.GetProperty("version").GetString());

        // Legacy stages: 1 to Production, then 2 to Production archiving the existing one.
        await api.OkAsync("model-versions/transition-stage", new { name, version = "1", stage = "Production", archive_existing_versions = false });
        await api.OkAsync("model-versions/transition-stage", new { name, version = "2", stage = "Production", archive_existing_versions = true });
        var first = await api.GetOkAsync($"model-versions/get?name={name}&version=1");
        Assert.Equal("Archived", first.GetProperty("model_version").GetProperty("current_stage").GetString());
        var production = await api.OkAsync("registered-models/get-latest-versions", new { name, stages = new[] { "Production" } });
        Assert.Equal("2", Assert.Single(production.GetProperty("model_versions").EnumerateArray()).GetProperty("version").GetString());

        // Search as the 3.x client does, with a prompt beside the model that the clause must leave out.
        await api.OkAsync("registered-models/create", new { name = name + "-prompt", tags = new[] { new { key = "mlflow.prompt.is_prompt", value = "true" } } });
        var models = await api.GetOkAsync("registered-models/search?filter=" + Uri.EscapeDataString($"name LIKE '{name}%' AND {PromptClause}"));
        Assert.Equal([name], models.GetProperty("registered_models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var versions = await api.GetOkAsync("model-versions/search?max_results=10000&filter=" + Uri.EscapeDataString($"name = '{name}' AND run_id = '{runId}' AND {PromptClause}"));
        Assert.Equal(["1", "2"], versions.GetProperty("model_versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).Order());

        // load_model("models:/name/1"): registered-models/get, get-download-uri, then list recursively and GET each file.
        foreach (var version in new[] { "1", "2" })
        {
            var uri = (await api.GetOkAsync($"model-versions/get-download-uri?name={name}&version={version}")).GetProperty("artifact_uri").GetString()!;
            Assert.StartsWith("mlflow-artifacts:/", uri, StringComparison.Ordinal);
            var downloaded = await DownloadTreeAsync(server.Client, uri["mlflow-artifacts:/".Length..].Trim('/'));
            Assert.Equal(ModelFiles.OrderBy(f => f.Key, StringComparer.Ordinal), downloaded.OrderBy(f => f.Key, StringComparer.Ordinal));
        }
    }

    private static async Task<JsonElement> ResolveAliasAsync(MlflowApi api, string name, string alias)
    {
        var version = (await api.GetOkAsync($"registered-models/alias?name={name}&alias={alias}")).GetProperty("model_version");
        await api.GetOkAsync($"registered-models/get?name={name}");
        await api.GetOkAsync($"model-versions/get-download-uri?name={name}&version={version.GetProperty("version").GetString()}");
        return version;
    }

    private static async Task PutAsync(HttpClient client, string path, string content)
    {
        using var response = await client.PutAsync("api/2.0/mlflow-artifacts/artifacts/" + path, new StringContent(content, Encoding.UTF8));
        Assert.True(response.IsSuccessStatusCode, $"PUT {path} answered {(int)response.StatusCode}");
    }

    private static async Task SendOkAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>What the client's artifact repository does: list a directory, recurse into subdirectories, GET each file.</summary>
    private static async Task<Dictionary<string, string>> DownloadTreeAsync(HttpClient client, string root)
    {
        var files = new Dictionary<string, string>();
        var pending = new Queue<string>([""]);
        while (pending.TryDequeue(out var relative))
        {
            var listPath = relative.Length == 0 ? root : root + "/" + relative;
            var listing = JsonDocument.Parse(await client.GetStringAsync("api/2.0/mlflow-artifacts/artifacts?path=" + Uri.EscapeDataString(listPath))).RootElement;
            if (!listing.TryGetProperty("files", out var entries))
            {
                continue;
            }

            foreach (var entry in entries.EnumerateArray())
            {
                var child = relative.Length == 0 ? entry.GetProperty("path").GetString()! : relative + "/" + entry.GetProperty("path").GetString();
                if (entry.GetProperty("is_dir").GetBoolean())
                {
                    pending.Enqueue(child);
                }
                else
                {
                    files[child] = await client.GetStringAsync($"api/2.0/mlflow-artifacts/artifacts/{root}/{child}");
                }
            }
        }

        return files;
    }
}
