using System.Net;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Mlflow;

public sealed class RunRpcTests
{
    private static JsonElement Info(JsonElement run) => run.GetProperty("run").GetProperty("info");

    private static Dictionary<string, JsonElement> ByKey(JsonElement run, string part) =>
        run.GetProperty("run").GetProperty("data").TryGetProperty(part, out var items)
            ? items.EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("value"))
            : [];

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_run_is_created_logged_to_updated_deleted_and_restored(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var created = await api.OkAsync("runs/create", new { experiment_id = "0", run_name = "brave-owl", user_id = "ana", start_time = 1234 });
        var info = Info(created);
        var runId = info.GetProperty("run_id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", runId);
        Assert.Equal(runId, info.GetProperty("run_uuid").GetString());
        Assert.Equal("RUNNING", info.GetProperty("status").GetString());
        Assert.Equal($"mlflow-artifacts:/0/{runId}/artifacts", info.GetProperty("artifact_uri").GetString());
        Assert.Equal(1234, info.GetProperty("start_time").GetInt64());
        Assert.False(info.TryGetProperty("end_time", out _));
        Assert.Equal("brave-owl", ByKey(created, "tags")["mlflow.runName"].GetString());
        Assert.True(created.GetProperty("run").TryGetProperty("inputs", out _));
        Assert.True(created.GetProperty("run").TryGetProperty("outputs", out _));

        await api.OkAsync("runs/log-metric", new { run_id = runId, key = "rmse", value = 0.4, timestamp = 10, step = 1 });
        await api.OkAsync("runs/log-metric", new { run_uuid = runId, key = "rmse", value = 0.3, timestamp = 20, step = 2 });
        await api.OkAsync("runs/log-metric", new { run_id = runId, key = "loss", value = "NaN", timestamp = 5 });
        await api.OkAsync("runs/log-parameter", new { run_id = runId, key = "model", value = "x" });
        await api.OkAsync("runs/log-parameter", new { run_id = runId, key = "model", value = "x" });
        await api.OkAsync("runs/set-tag", new { run_id = runId, key = "team", value = "risk" });
        await api.OkAsync("runs/set-tag", new { run_id = runId, key = "mlflow.runName", value = "renamed" });
        await api.OkAsync("runs/set-tag", new { run_id = runId, key = "gone", value = "soon" });
        await api.OkAsync("runs/delete-tag", new { run_id = runId, key = "gone" });

        var run = await api.GetOkAsync($"runs/get?run_id={runId}");
        Assert.Equal("renamed", Info(run).GetProperty("run_name").GetString());
        var metrics = ByKey(run, "metrics");
        Assert.Equal(0.3, metrics["rmse"].GetDouble());
        Assert.Equal("NaN", metrics["loss"].GetString());
        Assert.Equal("x", ByKey(run, "params")["model"].GetString());
        Assert.Equal("risk", ByKey(run, "tags")["team"].GetString());
        Assert.False(ByKey(run, "tags").ContainsKey("gone"));

        var updated = await api.OkAsync("runs/update", new { run_id = runId, status = "FINISHED", end_time = 5000, run_name = "final" });
        Assert.Equal("FINISHED", updated.GetProperty("run_info").GetProperty("status").GetString());
        Assert.Equal(5000, updated.GetProperty("run_info").GetProperty("end_time").GetInt64());
        Assert.Equal("final", ByKey(await api.GetOkAsync($"runs/get?run_id={runId}"), "tags")["mlflow.runName"].GetString());
        await api.OkAsync("runs/log-metric", new { run_id = runId, key = "after", value = 1, timestamp = 1 });

        await api.OkAsync("runs/delete", new { run_id = runId });
        Assert.Equal("deleted", Info(await api.GetOkAsync($"runs/get?run_id={runId}")).GetProperty("lifecycle_stage").GetString());
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-metric", new { run_id = runId, key = "x", value = 1, timestamp = 1 }));
        await api.OkAsync("runs/restore", new { run_id = runId });
        Assert.Equal("active", Info(await api.GetOkAsync($"runs/get?run_id={runId}")).GetProperty("lifecycle_stage").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Parent_and_child_runs_are_linked_by_tag_and_searchable(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var parent = await api.CreateRunAsync();
        var child = await api.CreateRunAsync(tags: new[] { new { key = "mlflow.parentRunId", value = parent } });
        var children = await api.OkAsync("runs/search", new { experiment_ids = new[] { "0" }, filter = $"tags.mlflow.parentRunId = '{parent}'" });
        Assert.Equal(child, Assert.Single(children.GetProperty("runs").EnumerateArray()).GetProperty("info").GetProperty("run_id").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Log_batch_is_all_or_nothing_and_params_cannot_change(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await api.OkAsync("runs/log-parameter", new { run_id = runId, key = "lr", value = "0.1" });

        var overwrite = await api.PostAsync("runs/log-batch", new
        {
            run_id = runId,
            metrics = new[] { new { key = "acc", value = 0.9, timestamp = 1, step = 0 } },
            @params = new[] { new { key = "fresh", value = "1" }, new { key = "lr", value = "0.2" } },
            tags = new[] { new { key = "t", value = "v" } },
        });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", overwrite);
        Assert.Contains("lr", overwrite.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var run = await api.GetOkAsync($"runs/get?run_id={runId}");
        Assert.Empty(ByKey(run, "metrics"));
        Assert.Equal(["lr"], ByKey(run, "params").Keys);
        Assert.DoesNotContain("t", ByKey(run, "tags").Keys);

        var overLimits = new object[]
        {
            new { run_id = runId, metrics = Enumerable.Range(0, 1001).Select(i => new { key = "m", value = 1.0, timestamp = i, step = 0 }) },
            new { run_id = runId, @params = Enumerable.Range(0, 101).Select(i => new { key = $"p{i}", value = "v" }) },
            new { run_id = runId, tags = Enumerable.Range(0, 101).Select(i => new { key = $"t{i}", value = "v" }) },
            new
            {
                run_id = runId,
                metrics = Enumerable.Range(0, 900).Select(i => new { key = "m", value = 1.0, timestamp = i, step = 0 }),
                @params = Enumerable.Range(0, 60).Select(i => new { key = $"p{i}", value = "v" }),
                tags = Enumerable.Range(0, 60).Select(i => new { key = $"t{i}", value = "v" }),
            },
            new { run_id = runId, @params = new[] { new { key = "dup", value = "1" }, new { key = "dup", value = "2" } } },
            new { run_id = runId, @params = new[] { new { key = new string('k', 251), value = "1" } } },
            new { run_id = runId, @params = new[] { new { key = "long", value = new string('v', 6001) } } },
            new { run_id = runId, tags = new[] { new { key = "long", value = new string('v', 8001) } } },
            new { run_id = runId, metrics = new[] { new { key = "bad/../key", value = 1.0, timestamp = 1, step = 0 } } },
            new { run_id = runId, metrics = new[] { new { key = "neg", value = 1.0, timestamp = -1, step = 0 } } },
        };
        foreach (var body in overLimits)
        {
            MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-batch", body));
        }

        run = await api.GetOkAsync($"runs/get?run_id={runId}");
        Assert.Empty(ByKey(run, "metrics"));
        Assert.Equal(["lr"], ByKey(run, "params").Keys);

        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("runs/log-batch", new { run_id = new string('a', 32) }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-batch", new { run_id = "../etc" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-batch", new { }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostRawAsync("runs/log-batch", "{\"run_id\":\"" + runId + "\",\"metrics\":[{\"key\":\"a\",\"value\":\"high\",\"timestamp\":1}]}"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostRawAsync("runs/log-batch", "{\"run_id\":\"" + runId + "\"," + new string(' ', 1_000_001) + "}"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Metric_history_keeps_every_point_but_exact_duplicates(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var points = Enumerable.Range(0, 1000).Select(i => new { key = "loss", value = 1.0 / (i + 1), timestamp = 1000 + i, step = i }).ToArray();
        await api.OkAsync("runs/log-batch", new { run_id = runId, metrics = points });
        await api.OkAsync("runs/log-batch", new { run_id = runId, metrics = points.Take(10) });
        await api.OkAsync("runs/log-metric", new { run_id = runId, key = "loss", value = 7.0, timestamp = 1, step = 0 });

        var all = await api.GetOkAsync($"metrics/get-history?run_id={runId}&metric_key=loss");
        Assert.Equal(1001, all.GetProperty("metrics").GetArrayLength());
        Assert.False(all.TryGetProperty("next_page_token", out _));
        Assert.Equal(7.0, all.GetProperty("metrics")[0].GetProperty("value").GetDouble());

        var collected = 0;
        string? token = null;
        var pages = 0;
        do
        {
            var page = await api.GetOkAsync($"metrics/get-history?run_id={runId}&metric_key=loss&max_results=300" + (token is null ? "" : "&page_token=" + token));
            collected += page.GetProperty("metrics").GetArrayLength();
            token = page.TryGetProperty("next_page_token", out var t) ? t.GetString() : null;
            pages++;
        }
        while (token is not null);
        Assert.Equal(1001, collected);
        Assert.Equal(4, pages);

        var latest = ByKey(await api.GetOkAsync($"runs/get?run_id={runId}"), "metrics");
        Assert.Equal(1.0 / 1000, latest["loss"].GetDouble());

        Assert.Equal(JsonValueKind.Object, (await api.GetOkAsync($"metrics/get-history?run_id={runId}&metric_key=absent")).ValueKind);
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync($"metrics/get-history?run_id={runId}&metric_key=loss&max_results=0"));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync($"metrics/get-history?run_id={new string('b', 32)}&metric_key=loss"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync($"metrics/get-history?run_id={runId}"));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Run_search_filters_orders_and_pages_the_same_on_both_databases(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var experiment = await api.CreateExperimentAsync();
        var expected = new List<(string Id, double Rmse)>();
        for (var i = 0; i < 12; i++)
        {
            var runId = await api.CreateRunAsync(experiment);
            var rmse = i / 20.0;
            await api.OkAsync("runs/log-batch", new
            {
                run_id = runId,
                metrics = new[] { new { key = "rmse", value = rmse, timestamp = 1, step = 0 } },
                @params = new[] { new { key = "model", value = i % 2 == 0 ? "x" : "y" } },
            });
            if (i % 2 == 0 && rmse < 0.5)
            {
                expected.Add((runId, rmse));
            }
        }

        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await api.OkAsync("runs/search", new
            {
                experiment_ids = new[] { experiment },
                filter = "metrics.rmse < 0.5 and params.model = 'x'",
                order_by = new[] { "metrics.rmse DESC" },
                max_results = 2,
                page_token = token,
            });
            if (page.TryGetProperty("runs", out var runs))
            {
                ids.AddRange(runs.EnumerateArray().Select(r => r.GetProperty("info").GetProperty("run_id").GetString()!));
            }

            token = page.TryGetProperty("next_page_token", out var t) ? t.GetString() : null;
        }
        while (token is not null);
        Assert.Equal(expected.OrderByDescending(e => e.Rmse).Select(e => e.Id), ids);

        var none = await api.OkAsync("runs/search", new { experiment_ids = new[] { "424242" } });
        Assert.False(none.TryGetProperty("runs", out _));
        foreach (var bad in new[] { "metrics.rmse < 'x'", "params.model = 1", "foo.bar = 'x'", "metrics.rmse <", "params.a = 'x' OR params.b = 'y'", "params.a = 'unterminated" })
        {
            MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/search", new { experiment_ids = new[] { experiment }, filter = bad }));
        }

        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/search", new { experiment_ids = new[] { experiment }, order_by = new[] { "metrics.a", "metrics.a" } }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/search", new { experiment_ids = new[] { experiment }, run_view_type = "SOME" }));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Inputs_models_and_outputs_are_recorded_on_the_run(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var dataset = new { name = "bikes", digest = "9c1e77ab", source_type = "local", source = "{\"uri\":\"bikes.csv\"}", schema = "{}" };
        var input = new { tags = new[] { new { key = "mlflow.data.context", value = "training" } }, dataset };
        await api.OkAsync("runs/log-inputs", new { run_id = runId, datasets = new[] { input } });
        await api.OkAsync("runs/log-inputs", new { run_id = runId, datasets = new[] { input } });

        var model = (await api.OkAsync("logged-models", new { experiment_id = "0", name = "model", source_run_id = runId, @params = new[] { new { key = "lr", value = "0.1" } } })).GetProperty("model");
        var modelId = model.GetProperty("info").GetProperty("model_id").GetString()!;
        Assert.Matches("^m-[0-9a-f]{32}$", modelId);
        Assert.Equal("LOGGED_MODEL_PENDING", model.GetProperty("info").GetProperty("status").GetString());
        Assert.Equal($"mlflow-artifacts:/0/models/{modelId}/artifacts", model.GetProperty("info").GetProperty("artifact_uri").GetString());

        await api.OkAsync("runs/outputs", new { run_id = runId, models = new[] { new { model_id = modelId, step = 3 } } });
        await api.OkAsync("runs/log-inputs", new { run_id = runId, models = new[] { new { model_id = modelId } } });
        await api.OkAsync("runs/log-batch", new { run_id = runId, metrics = new[] { new { key = "acc", value = 0.9, timestamp = 5, step = 0, model_id = modelId } } });

        var run = (await api.GetOkAsync($"runs/get?run_id={runId}")).GetProperty("run");
        var datasetInput = Assert.Single(run.GetProperty("inputs").GetProperty("dataset_inputs").EnumerateArray());
        Assert.Equal("bikes", datasetInput.GetProperty("dataset").GetProperty("name").GetString());
        Assert.Equal("training", datasetInput.GetProperty("tags")[0].GetProperty("value").GetString());
        Assert.Equal(modelId, run.GetProperty("inputs").GetProperty("model_inputs")[0].GetProperty("model_id").GetString());
        Assert.Equal(3, run.GetProperty("outputs").GetProperty("model_outputs")[0].GetProperty("step").GetInt64());

        var fetched = (await api.GetOkAsync($"logged-models/{modelId}")).GetProperty("model");
        Assert.Equal(runId, fetched.GetProperty("data").GetProperty("metrics")[0].GetProperty("run_id").GetString());
        Assert.Equal("lr", fetched.GetProperty("data").GetProperty("params")[0].GetProperty("key").GetString());

        var byDataset = await api.OkAsync("runs/search", new { experiment_ids = new[] { "0" }, filter = "datasets.context = 'training'" });
        Assert.Single(byDataset.GetProperty("runs").EnumerateArray());

        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-inputs", new { run_id = runId, datasets = new[] { new { dataset = new { name = "x" } } } }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("runs/outputs", new { run_id = runId, models = new[] { new { model_id = "m-" + new string('0', 32), step = 0 } } }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/outputs", new { run_id = runId }));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Logged_models_are_finalized_tagged_searched_and_deleted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var ids = new List<string>();
        foreach (var name in new[] { "model", "other" })
        {
            var created = await api.OkAsync("logged-models", new { experiment_id = "0", name, source_run_id = runId });
            ids.Add(created.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!);
        }

        var ready = await api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"api/2.0/mlflow/logged-models/{ids[0]}") { Content = System.Net.Http.Json.JsonContent.Create(new { model_id = ids[0], status = "LOGGED_MODEL_READY" }) });
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("LOGGED_MODEL_READY", ready.Body.GetProperty("model").GetProperty("info").GetProperty("status").GetString());
        var tagged = await api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"api/2.0/mlflow/logged-models/{ids[0]}/tags") { Content = System.Net.Http.Json.JsonContent.Create(new { tags = new[] { new { key = "mlflow.modelVersions", value = "[]" } } }) });
        Assert.Equal(HttpStatusCode.OK, tagged.Status);
        await api.OkAsync($"logged-models/{ids[0]}/params", new { @params = new[] { new { key = "depth", value = "3" } } });

        var found = await api.OkAsync("logged-models/search", new { experiment_ids = new[] { "0" }, filter = "name = 'model'" });
        Assert.Equal(ids[0], Assert.Single(found.GetProperty("models").EnumerateArray()).GetProperty("info").GetProperty("model_id").GetString());
        var none = await api.OkAsync("logged-models/search", new { experiment_ids = new[] { "0" }, filter = "name = 'absent'" });
        Assert.False(none.TryGetProperty("models", out _));

        var deleteTag = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/2.0/mlflow/logged-models/{ids[0]}/tags/mlflow.modelVersions"));
        Assert.Equal(HttpStatusCode.OK, deleteTag.Status);
        var delete = await api.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"api/2.0/mlflow/logged-models/{ids[1]}"));
        Assert.Equal(HttpStatusCode.OK, delete.Status);
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync($"logged-models/{ids[1]}"));
        var remaining = await api.OkAsync("logged-models/search", new { experiment_ids = new[] { "0" } });
        Assert.Single(remaining.GetProperty("models").EnumerateArray());

        var badStatus = await api.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"api/2.0/mlflow/logged-models/{ids[0]}") { Content = System.Net.Http.Json.JsonContent.Create(new { status = "WHATEVER" }) });
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", badStatus);
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("logged-models", new { experiment_id = "0", name = "a/b" }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("logged-models", new { experiment_id = "99999" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("logged-models/search", new { }));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Log_model_appends_to_the_model_history_tag(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        var modelJson = JsonSerializer.Serialize(new { artifact_path = "model", flavors = new { sklearn = new { } }, utc_time_created = "2026-01-01", run_id = runId });
        await api.OkAsync("runs/log-model", new { run_id = runId, model_json = modelJson });
        await api.OkAsync("runs/log-model", new { run_id = runId, model_json = modelJson });
        var history = ByKey(await api.GetOkAsync($"runs/get?run_id={runId}"), "tags")["mlflow.log-model.history"].GetString()!;
        Assert.Equal(2, JsonDocument.Parse(history).RootElement.GetArrayLength());
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-model", new { run_id = runId, model_json = "{\"artifact_path\":\"m\"}" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-model", new { run_id = runId, model_json = "not json" }));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Bad_run_requests_answer_4xx_and_change_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync($"runs/get?run_id={new string('c', 32)}"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.GetAsync("runs/get?run_id=%2e%2e%2fetc"));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/create", new { run_name = "a", tags = new[] { new { key = "mlflow.runName", value = "b" } } }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("runs/create", new { experiment_id = "777777" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/update", new { run_id = runId, status = "DANCING" }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("runs/delete-tag", new { run_id = runId, key = "absent" }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-metric", new { run_id = runId, key = "m", timestamp = 1 }));
        MlflowApi.AssertError(HttpStatusCode.BadRequest, "INVALID_PARAMETER_VALUE", await api.PostAsync("runs/log-parameter", new { run_id = runId, key = "p" }));
        MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.PostAsync("runs/delete", new { run_id = new string('d', 32) }));
        var run = await api.GetOkAsync($"runs/get?run_id={runId}");
        Assert.Equal("RUNNING", Info(run).GetProperty("status").GetString());
        Assert.Empty(ByKey(run, "metrics"));
        Assert.Empty(ByKey(run, "params"));
    }

    [Fact]
    public async Task The_ajax_api_mirrors_the_api()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var response = await server.Client.GetAsync("ajax-api/2.0/mlflow/experiments/get?experiment_id=0");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Default\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_method_answers_405_with_an_Allow_header_and_a_JSON_body()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var response = await server.Client.GetAsync("api/2.0/mlflow/runs/create");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ENDPOINT_NOT_FOUND", body.GetProperty("error_code").GetString());
    }

    [Fact]
    public async Task Numbers_are_read_leniently_as_protobuf_JSON_does()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var api = new MlflowApi(server.Client);
        var created = await api.PostRawAsync("runs/create", "{\"experiment_id\": 0, \"start_time\": \"1234\"}");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var runId = Info(created.Body).GetProperty("run_id").GetString()!;
        Assert.Equal("0", Info(created.Body).GetProperty("experiment_id").GetString());
        Assert.Equal(1234, Info(created.Body).GetProperty("start_time").GetInt64());
        var logged = await api.PostRawAsync("runs/log-batch", "\"{\\\"run_id\\\": \\\"" + runId + "\\\", \\\"metrics\\\": [{\\\"key\\\": \\\"m\\\", \\\"value\\\": \\\"-Infinity\\\", \\\"timestamp\\\": \\\"5\\\"}]}\"");
        Assert.Equal(HttpStatusCode.OK, logged.Status);
        Assert.Equal("-Infinity", ByKey(await api.GetOkAsync($"runs/get?run_id={runId}"), "metrics")["m"].GetString());
    }
}
