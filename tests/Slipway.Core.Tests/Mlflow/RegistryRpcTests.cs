using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Mlflow;

public sealed class RegistryRpcTests
{
    private static Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(MlflowApi api, HttpMethod method, string rpc, object body) =>
        api.SendAsync(new HttpRequestMessage(method, "api/2.0/mlflow/" + rpc) { Content = JsonContent.Create(body) });

    private static async Task<JsonElement> OkAsync(MlflowApi api, HttpMethod method, string rpc, object body)
    {
        var (status, json) = await SendAsync(api, method, rpc, body);
        Assert.True(status == HttpStatusCode.OK, $"{method} {rpc} answered {(int)status}: {json}");
        return json;
    }

    private static async Task<string> CreateVersionAsync(MlflowApi api, string name, string runId, string path = "model")
    {
        await api.LogModelFilesAsync(runId, path);
        return (await api.OkAsync("model-versions/create", new { name, source = $"runs:/{runId}/{path}", run_id = runId }))
            .GetProperty("model_version").GetProperty("version").GetString()!;
    }

    private static string[] Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var items) ? items.EnumerateArray().Select(i => i.GetString()!).ToArray() : [];

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_registered_model_is_created_tagged_updated_renamed_and_deleted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var created = await api.OkAsync("registered-models/create", new { name = "churn", description = "weekly", tags = new[] { new { key = "owner", value = "risk" } } });
        var model = created.GetProperty("registered_model");
        Assert.Equal("churn", model.GetProperty("name").GetString());
        Assert.Equal("weekly", model.GetProperty("description").GetString());
        Assert.True(model.GetProperty("creation_timestamp").GetInt64() > 0);
        Assert.Equal("risk", model.GetProperty("tags")[0].GetProperty("value").GetString());

        MlflowApi.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", await api.PostAsync("registered-models/create", new { name = "churn" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("registered-models/create", new { name = new string('n', 257) }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("registered-models/get?name=missing"));

        await api.OkAsync("registered-models/set-tag", new { name = "churn", key = "stage", value = "beta" });
        await OkAsync(api, HttpMethod.Delete, "registered-models/delete-tag", new { name = "churn", key = "owner" });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("registered-models/set-tag", new { name = "churn", key = "big", value = new string('v', 100_001) }));
        var updated = (await OkAsync(api, HttpMethod.Patch, "registered-models/update", new { name = "churn", description = "daily" })).GetProperty("registered_model");
        Assert.Equal("daily", updated.GetProperty("description").GetString());
        Assert.Equal("stage", Assert.Single(updated.GetProperty("tags").EnumerateArray()).GetProperty("key").GetString());

        var runId = await api.CreateRunAsync();
        await CreateVersionAsync(api, "churn", runId);
        await api.OkAsync("registered-models/alias", new { name = "churn", alias = "champion", version = "1" });
        await api.OkAsync("registered-models/create", new { name = "taken" });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", await api.PostAsync("registered-models/rename", new { name = "churn", new_name = "taken" }));

        var renamed = (await api.OkAsync("registered-models/rename", new { name = "churn", new_name = "churn-v2" })).GetProperty("registered_model");
        Assert.Equal("churn-v2", renamed.GetProperty("name").GetString());
        Assert.Equal("champion", renamed.GetProperty("aliases")[0].GetProperty("alias").GetString());
        Assert.Equal("churn-v2", renamed.GetProperty("latest_versions")[0].GetProperty("name").GetString());
        var byAlias = (await api.GetOkAsync("registered-models/alias?name=churn-v2&alias=champion")).GetProperty("model_version");
        Assert.Equal("1", byAlias.GetProperty("version").GetString());
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("registered-models/get?name=churn"));

        await OkAsync(api, HttpMethod.Delete, "registered-models/delete", new { name = "churn-v2" });
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("registered-models/get?name=churn-v2"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("model-versions/get?name=churn-v2&version=1"));
        await api.OkAsync("registered-models/create", new { name = "churn-v2" });
        Assert.Equal("1", await CreateVersionAsync(api, "churn-v2", runId));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Versions_are_numbered_never_reused_and_deleting_one_drops_its_aliases(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await api.LogModelFilesAsync(runId);
        await api.OkAsync("registered-models/create", new { name = "m" });
        var first = (await api.OkAsync("model-versions/create", new { name = "m", source = $"runs:/{runId}/model", run_id = runId, description = "d1", tags = new[] { new { key = "k", value = "v" } } }))
            .GetProperty("model_version");
        Assert.Equal("1", first.GetProperty("version").GetString());
        Assert.Equal("READY", first.GetProperty("status").GetString());
        Assert.Equal("None", first.GetProperty("current_stage").GetString());
        Assert.Equal($"runs:/{runId}/model", first.GetProperty("source").GetString());
        Assert.Equal(runId, first.GetProperty("run_id").GetString());
        Assert.Equal("v", first.GetProperty("tags")[0].GetProperty("value").GetString());
        Assert.Equal("2", await CreateVersionAsync(api, "m", runId));
        Assert.Equal("3", await CreateVersionAsync(api, "m", runId));

        await api.OkAsync("registered-models/alias", new { name = "m", alias = "champion", version = "3" });
        await api.OkAsync("registered-models/alias", new { name = "m", alias = "challenger", version = "2" });
        Assert.Equal(["champion"], Strings((await api.GetOkAsync("model-versions/get?name=m&version=3")).GetProperty("model_version"), "aliases"));
        await OkAsync(api, HttpMethod.Delete, "model-versions/delete", new { name = "m", version = "3" });
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("model-versions/get?name=m&version=3"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync("registered-models/alias?name=m&alias=champion"));
        var model = (await api.GetOkAsync("registered-models/get?name=m")).GetProperty("registered_model");
        Assert.Equal("challenger", Assert.Single(model.GetProperty("aliases").EnumerateArray()).GetProperty("alias").GetString());
        Assert.Equal("2", Assert.Single(model.GetProperty("latest_versions").EnumerateArray()).GetProperty("version").GetString());
        Assert.Equal("4", await CreateVersionAsync(api, "m", runId));

        var updated = (await OkAsync(api, HttpMethod.Patch, "model-versions/update", new { name = "m", version = "1", description = "better" })).GetProperty("model_version");
        Assert.Equal("better", updated.GetProperty("description").GetString());
        await api.OkAsync("model-versions/set-tag", new { name = "m", version = "1", key = "k", value = "w" });
        await OkAsync(api, HttpMethod.Delete, "model-versions/delete-tag", new { name = "m", version = "1", key = "k" });
        Assert.False((await api.GetOkAsync("model-versions/get?name=m&version=1")).GetProperty("model_version").TryGetProperty("tags", out _));

        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync("model-versions/get?name=m&version=one"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("model-versions/create", new { name = "nope", source = $"runs:/{runId}/model" }));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Aliases_are_validated_moved_resolved_and_deleted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await api.OkAsync("registered-models/create", new { name = "m" });
        await CreateVersionAsync(api, "m", runId);
        await CreateVersionAsync(api, "m", runId);

        foreach (var bad in new[] { "latest", "Latest", "v3", "V12", "3", "a b", "" })
        {
            MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("registered-models/alias", new { name = "m", alias = bad, version = "1" }));
        }

        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("registered-models/alias", new { name = "m", alias = "champion", version = "9" }));
        await api.OkAsync("registered-models/alias", new { name = "m", alias = "champion", version = "1" });
        await api.OkAsync("registered-models/alias", new { name = "m", alias = "champion", version = "2" });
        var resolved = (await api.GetOkAsync("registered-models/alias?name=m&alias=champion")).GetProperty("model_version");
        Assert.Equal("2", resolved.GetProperty("version").GetString());
        Assert.Equal(["champion"], Strings(resolved, "aliases"));
        Assert.Empty(Strings((await api.GetOkAsync("model-versions/get?name=m&version=1")).GetProperty("model_version"), "aliases"));

        await OkAsync(api, HttpMethod.Delete, "registered-models/alias", new { name = "m", alias = "champion" });
        var (status, body) = await api.GetAsync("registered-models/alias?name=m&alias=champion");
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", (status, body));
        Assert.Contains("champion", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Stage_transitions_archive_existing_versions_and_latest_versions_are_per_stage(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await api.OkAsync("registered-models/create", new { name = "m" });
        for (var i = 0; i < 4; i++)
        {
            await CreateVersionAsync(api, "m", runId);
        }

        await api.OkAsync("model-versions/transition-stage", new { name = "m", version = "1", stage = "Production", archive_existing_versions = false });
        await api.OkAsync("model-versions/transition-stage", new { name = "m", version = "2", stage = "production", archive_existing_versions = false });
        await api.OkAsync("model-versions/transition-stage", new { name = "m", version = "3", stage = "Staging", archive_existing_versions = false });
        var moved = (await api.OkAsync("model-versions/transition-stage", new { name = "m", version = "4", stage = "Production", archive_existing_versions = true }))
            .GetProperty("model_version");
        Assert.Equal("Production", moved.GetProperty("current_stage").GetString());
        foreach (var archived in new[] { "1", "2" })
        {
            Assert.Equal("Archived", (await api.GetOkAsync($"model-versions/get?name=m&version={archived}")).GetProperty("model_version").GetProperty("current_stage").GetString());
        }

        Assert.Equal("Staging", (await api.GetOkAsync("model-versions/get?name=m&version=3")).GetProperty("model_version").GetProperty("current_stage").GetString());
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("model-versions/transition-stage", new { name = "m", version = "3", stage = "Archived", archive_existing_versions = true }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE",
            await api.PostAsync("model-versions/transition-stage", new { name = "m", version = "3", stage = "Shipped", archive_existing_versions = false }));

        var staging = await api.OkAsync("registered-models/get-latest-versions", new { name = "m", stages = new[] { "staging" } });
        Assert.Equal("3", Assert.Single(staging.GetProperty("model_versions").EnumerateArray()).GetProperty("version").GetString());
        var all = await api.OkAsync("registered-models/get-latest-versions", new { name = "m" });
        Assert.Equal(
            new[] { ("Archived", "2"), ("Production", "4"), ("Staging", "3") },
            all.GetProperty("model_versions").EnumerateArray().Select(v => (v.GetProperty("current_stage").GetString()!, v.GetProperty("version").GetString()!)).Order().ToArray());
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("registered-models/get-latest-versions", new { name = "m", stages = new[] { "Prod" } }));
        var model = (await api.GetOkAsync("registered-models/get?name=m")).GetProperty("registered_model");
        Assert.Equal(3, model.GetProperty("latest_versions").GetArrayLength());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_download_uri_is_resolved_from_the_source_and_local_paths_are_refused(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await api.OkAsync("registered-models/create", new { name = "m" });
        await CreateVersionAsync(api, "m", runId, "model");
        var firstUri = (await api.GetOkAsync("model-versions/get-download-uri?name=m&version=1")).GetProperty("artifact_uri").GetString()!;
        Assert.Matches("^mlflow-artifacts:/registry/[0-9]+/1$", firstUri);

        var direct = $"mlflow-artifacts:/0/{runId}/artifacts/other";
        await api.LogModelFilesAsync(runId, "other");
        await api.OkAsync("model-versions/create", new { name = "m", source = direct, run_id = runId });
        Assert.Equal(firstUri[..^1] + "2", (await api.GetOkAsync("model-versions/get-download-uri?name=m&version=2")).GetProperty("artifact_uri").GetString());

        var logged = await api.OkAsync("logged-models", new { experiment_id = "0", name = "model", source_run_id = runId });
        var modelId = logged.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;
        await api.PutArtifactsAsync($"0/models/{modelId}/artifacts");
        var fromModel = (await api.OkAsync("model-versions/create", new { name = "m", source = $"models:/{modelId}", model_id = modelId })).GetProperty("model_version");
        Assert.Equal(runId, fromModel.GetProperty("run_id").GetString());
        var modelTags = (await api.GetOkAsync($"logged-models/{modelId}")).GetProperty("model").GetProperty("info").GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("key").GetString()!, t => t.GetProperty("value").GetString()!);
        var registrations = JsonDocument.Parse(modelTags["mlflow.modelVersions"]).RootElement;
        Assert.Equal(("m", "3"), (registrations[0].GetProperty("name").GetString(), registrations[0].GetProperty("version").GetString()));
        Assert.Equal(firstUri[..^1] + "3", (await api.GetOkAsync("model-versions/get-download-uri?name=m&version=3")).GetProperty("artifact_uri").GetString());

        foreach (var bad in new[] { "/tmp/model", "file:///tmp/model", "C:\\models\\m", "mlflow-artifacts:/0/../../etc", $"runs:/{runId}/../../x" })
        {
            MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("model-versions/create", new { name = "m", source = bad }));
        }

        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("model-versions/create", new { name = "m", source = "models:/m-00000000000000000000000000000000" }));
        Assert.Equal("4", await CreateVersionAsync(api, "m", runId));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Registered_models_are_searched_by_name_and_tag_in_name_order_and_prompts_are_left_out(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        foreach (var name in new[] { "beta", "alpha", "gamma" })
        {
            await api.OkAsync("registered-models/create", new { name, tags = new[] { new { key = "team", value = name == "gamma" ? "ops" : "risk" } } });
        }

        await api.OkAsync("registered-models/create", new { name = "a-prompt", tags = new[] { new { key = "mlflow.prompt.is_prompt", value = "true" } } });

        static string[] Names(JsonElement page) =>
            page.TryGetProperty("registered_models", out var items) ? items.EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray() : [];

        Assert.Equal(["alpha", "beta", "gamma"], Names(await api.GetOkAsync("registered-models/search")));
        Assert.Equal(["alpha", "beta", "gamma"], Names(await api.GetOkAsync("registered-models/search?filter=" + Uri.EscapeDataString("tag.`mlflow.prompt.is_prompt` != 'true'"))));
        Assert.Equal(["a-prompt"], Names(await api.GetOkAsync("registered-models/search?filter=" + Uri.EscapeDataString("tags.`mlflow.prompt.is_prompt` = 'true'"))));
        Assert.Equal(["alpha", "beta"], Names(await api.GetOkAsync("registered-models/search?filter=" + Uri.EscapeDataString("tags.team = 'risk' AND tag.`mlflow.prompt.is_prompt` != 'true'"))));
        Assert.Equal(["gamma"], Names(await api.GetOkAsync("registered-models/search?filter=" + Uri.EscapeDataString("name LIKE 'g%'"))));
        Assert.Equal(["gamma", "beta", "alpha"], Names(await api.GetOkAsync("registered-models/search?order_by=name%20DESC")));

        var first = await api.GetOkAsync("registered-models/search?max_results=2");
        Assert.Equal(["alpha", "beta"], Names(first));
        var token = first.GetProperty("next_page_token").GetString()!;
        var second = await api.GetOkAsync("registered-models/search?max_results=2&page_token=" + Uri.EscapeDataString(token));
        Assert.Equal(["gamma"], Names(second));
        Assert.False(second.TryGetProperty("next_page_token", out _));

        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync("registered-models/search?max_results=1001"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync("registered-models/search?max_results=0"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync("registered-models/search?filter=" + Uri.EscapeDataString("creation_time > 5")));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Model_versions_are_searched_by_name_run_and_number_without_deleted_ones(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runA = await api.CreateRunAsync();
        var runB = await api.CreateRunAsync();
        await api.OkAsync("registered-models/create", new { name = "m" });
        await api.OkAsync("registered-models/create", new { name = "other" });
        await CreateVersionAsync(api, "m", runA);
        await CreateVersionAsync(api, "m", runB);
        await CreateVersionAsync(api, "m", runA);
        await CreateVersionAsync(api, "other", runA);
        await OkAsync(api, HttpMethod.Delete, "model-versions/delete", new { name = "m", version = "3" });

        static string[] Keys(JsonElement page) =>
            page.TryGetProperty("model_versions", out var items)
                ? items.EnumerateArray().Select(v => v.GetProperty("name").GetString() + "/" + v.GetProperty("version").GetString()).ToArray()
                : [];

        async Task<string[]> SearchAsync(string filter, string? orderBy = null) =>
            Keys(await api.OkAsync("model-versions/search", orderBy is null ? new { filter, max_results = 10_000 } : new { filter, max_results = 10_000, order_by = new[] { orderBy } }));

        Assert.Equal(["m/1", "m/2"], await SearchAsync("name = 'm' AND tag.`mlflow.prompt.is_prompt` != 'true'", "version_number ASC"));
        Assert.Equal(["m/2", "m/1"], await SearchAsync("name = 'm'"));
        Assert.Equal(["m/1", "other/1"], await SearchAsync($"run_id = '{runA}'", "name ASC"));
        Assert.Equal(["m/2", "m/1", "other/1"], await SearchAsync($"run_id IN ('{runA}', '{runB}')", "name ASC"));
        Assert.Equal(["m/2"], await SearchAsync("name = 'm' AND version_number > 1"));
        Assert.Equal(["m/2"], await SearchAsync($"source_path = 'runs:/{runB}/model'"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("model-versions/search", new { filter = $"run_id NOT IN ('{runA}')" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("model-versions/search", new { max_results = 200_001 }));
    }
}
