using System.Net;
using Slipway.Tests;

namespace Slipway.Core.Tests.Mlflow;

public sealed class ExperimentRpcTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Experiments_are_created_read_renamed_tagged_deleted_and_restored(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);

        var defaultExperiment = await api.GetOkAsync("experiments/get?experiment_id=0");
        Assert.Equal("Default", defaultExperiment.GetProperty("experiment").GetProperty("name").GetString());
        Assert.Equal("mlflow-artifacts:/0", defaultExperiment.GetProperty("experiment").GetProperty("artifact_location").GetString());

        var created = await api.OkAsync("experiments/create", new { name = "churn", tags = new[] { new { key = "team", value = "risk" } } });
        var id = created.GetProperty("experiment_id").GetString()!;
        Assert.NotEqual("0", id);

        var byName = (await api.GetOkAsync("experiments/get-by-name?experiment_name=churn")).GetProperty("experiment");
        Assert.Equal(id, byName.GetProperty("experiment_id").GetString());
        Assert.Equal($"mlflow-artifacts:/{id}", byName.GetProperty("artifact_location").GetString());
        Assert.Equal("active", byName.GetProperty("lifecycle_stage").GetString());
        Assert.Equal("risk", byName.GetProperty("tags")[0].GetProperty("value").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, byName.GetProperty("creation_time").ValueKind);

        await api.OkAsync("experiments/update", new { experiment_id = id, new_name = "churn-v2" });
        await api.OkAsync("experiments/set-experiment-tag", new { experiment_id = id, key = "owner", value = "ana" });
        await api.OkAsync("experiments/delete-experiment-tag", new { experiment_id = id, key = "team" });
        var renamed = (await api.GetOkAsync($"experiments/get?experiment_id={id}")).GetProperty("experiment");
        Assert.Equal("churn-v2", renamed.GetProperty("name").GetString());
        Assert.Equal("owner", Assert.Single(renamed.GetProperty("tags").EnumerateArray()).GetProperty("key").GetString());

        var runId = await api.CreateRunAsync(id);
        await api.OkAsync("experiments/delete", new { experiment_id = id });
        var run = (await api.GetOkAsync($"runs/get?run_id={runId}")).GetProperty("run").GetProperty("info");
        Assert.Equal("deleted", run.GetProperty("lifecycle_stage").GetString());
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/create", new { experiment_id = id }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/update", new { experiment_id = id, new_name = "x" }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("experiments/delete", new { experiment_id = id }));

        await api.OkAsync("experiments/restore", new { experiment_id = id });
        run = (await api.GetOkAsync($"runs/get?run_id={runId}")).GetProperty("run").GetProperty("info");
        Assert.Equal("active", run.GetProperty("lifecycle_stage").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Bad_experiment_requests_answer_4xx_with_an_error_code_and_change_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var id = await api.CreateExperimentAsync("taken");

        MlflowApi.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", await api.PostAsync("experiments/create", new { name = "taken" }));
        await api.OkAsync("experiments/delete", new { experiment_id = id });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", await api.PostAsync("experiments/create", new { name = "taken" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/create", new { }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/create", new { name = new string('n', 501) }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/create", new { name = "x", artifact_location = "file:///etc" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostRawAsync("experiments/create", "{\"name\": "));
        var missingType = await api.PostRawAsync("experiments/create", "{\"name\":\"no-type\"}", contentType: null);
        // Refused before routing by BrowserGuard: 415, in MLflow's error shape (governance.md §8.8, CVE-2023-43472).
        MlflowApi.AssertError(HttpStatusCode.UnsupportedMediaType, "INVALID_PARAMETER_VALUE", missingType);
        Assert.Contains("Content-Type", missingType.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        MlflowApi.AssertError(HttpStatusCode.UnsupportedMediaType, "INVALID_PARAMETER_VALUE", await api.PostRawAsync("experiments/create", "{\"name\":\"text\"}", "text/plain"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("experiments/get-by-name?experiment_name=no-type"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("experiments/get-by-name?experiment_name=text"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("experiments/get?experiment_id=987654"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync("experiments/get?experiment_id=abc"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync("experiments/get-by-name?experiment_name=nope"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "ENDPOINT_NOT_FOUND", await api.GetAsync("experiments/list"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/set-experiment-tag", new { experiment_id = "0", key = "../x", value = "v" }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("experiments/delete-experiment-tag", new { experiment_id = "0", key = "absent" }));

        var other = await api.CreateExperimentAsync("other");
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "RESOURCE_ALREADY_EXISTS", await api.PostAsync("experiments/update", new { experiment_id = other, new_name = "taken" }));
        Assert.Equal("other", (await api.GetOkAsync($"experiments/get?experiment_id={other}")).GetProperty("experiment").GetProperty("name").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Experiment_search_filters_orders_and_pages(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        foreach (var name in new[] { "alpha", "beta", "gamma", "Alpine" })
        {
            await api.OkAsync("experiments/create", new { name, tags = new[] { new { key = "kind", value = name.StartsWith('a') ? "a" : "b" } } });
        }

        var all = await api.OkAsync("experiments/search", new { order_by = new[] { "name ASC" } });
        Assert.Equal(["Alpine", "Default", "alpha", "beta", "gamma"], all.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()));

        var like = await api.OkAsync("experiments/search", new { filter = "name LIKE 'al%'" });
        Assert.Equal(["alpha"], like.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var ilike = await api.OkAsync("experiments/search", new { filter = "name ILIKE 'al%'", order_by = new[] { "name" } });
        Assert.Equal(["Alpine", "alpha"], ilike.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var tagged = await api.GetOkAsync("experiments/search?filter=tags.kind%20%3D%20%27a%27");
        Assert.Single(tagged.GetProperty("experiments").EnumerateArray());

        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await api.OkAsync("experiments/search", new { max_results = 2, order_by = new[] { "name DESC" }, page_token = token });
            names.AddRange(page.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));
            token = page.TryGetProperty("next_page_token", out var t) ? t.GetString() : null;
        }
        while (token is not null);
        Assert.Equal(["gamma", "beta", "alpha", "Default", "Alpine"], names);

        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/search", new { filter = "name = 'a' OR name = 'b'" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/search", new { max_results = 0 }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/search", new { max_results = 50_001 }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("experiments/search", new { page_token = "garbage" }));
    }
}
