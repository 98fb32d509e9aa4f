using System.Net;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Mlflow;

/// <summary>Input that once reached the database or a null dereference answers 400 on both databases and writes nothing.</summary>
public sealed class BadInputRpcTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Null_list_elements_and_over_long_values_answer_400_and_write_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();

        var refused = new (string Rpc, string Body)[]
        {
            ("runs/log-batch", $"{{\"run_id\":\"{runId}\",\"metrics\":[null]}}"),
            ("runs/log-batch", $"{{\"run_id\":\"{runId}\",\"tags\":[null]}}"),
            ("experiments/create", "{\"name\":\"nulls\",\"tags\":[null]}"),
            ("runs/log-inputs", $"{{\"run_id\":\"{runId}\",\"datasets\":[{{\"tags\":[null],\"dataset\":{{\"name\":\"d\",\"digest\":\"1\",\"source_type\":\"local\",\"source\":\"s\"}}}}]}}"),
            ("runs/outputs", $"{{\"run_id\":\"{runId}\",\"models\":[null]}}"),
            ("runs/create", JsonSerializer.Serialize(new { experiment_id = "0", user_id = new string('u', 257) })),
            ("runs/log-inputs", JsonSerializer.Serialize(new { run_id = runId, datasets = new[] { new { dataset = new { name = "d", digest = "1", source_type = new string('s', 65), source = "s" } } } })),
            ("logged-models", JsonSerializer.Serialize(new { experiment_id = "0", model_type = new string('t', 501) })),
            ("runs/log-batch", JsonSerializer.Serialize(new { run_id = runId, metrics = new[] { new { key = "m", value = 1.0, timestamp = 1, dataset_digest = new string('d', 37) } } })),
            ("experiments/create", JsonSerializer.Serialize(new { name = "elsewhere", artifact_location = "mlflow-artifacts:/0" })),
            ("experiments/create", JsonSerializer.Serialize(new { name = "traversal", artifact_location = "mlflow-artifacts:/%2e%2e/x" })),
            ("experiments/create", JsonSerializer.Serialize(new { name = "long-location", artifact_location = "mlflow-artifacts:/" + new string('a', 2000) })),
            ("runs/log-batch", $"{{\"run_id\":\"{runId}\",\"params\":[{{\"key\":\"p\",\"value\":\"a\\u0000b\"}}]}}"),
            ("experiments/create", "{\"name\":\"nul\\u0000name\"}"),
            ("runs/create", "{\"experiment_id\":\"0\",\"user_id\":\"a\\u0000\"}"),
            ("runs/search", JsonSerializer.Serialize(new { experiment_ids = new[] { "0" }, filter = string.Join(" and ", Enumerable.Range(0, 101).Select(i => $"params.p{i} = 'x'")) })),
            ("runs/search", JsonSerializer.Serialize(new { experiment_ids = Enumerable.Range(0, 1001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)) })),
            ("runs/search", JsonSerializer.Serialize(new { experiment_ids = new[] { "0" }, filter = "attributes.run_id IN (" + string.Join(",", Enumerable.Range(0, 1001).Select(i => $"'{i}'")) + ")" })),
        };
        foreach (var (rpc, body) in refused)
        {
            var response = await api.PostRawAsync(rpc, body);
            Assert.True(response.Status == HttpStatusCode.BadRequest, $"{rpc} {body[..Math.Min(body.Length, 80)]} answered {(int)response.Status}: {response.Body}");
            Assert.Equal("INVALID_PARAMETER_VALUE", response.Body.GetProperty("error_code").GetString());
        }

        var run = (await api.GetOkAsync($"runs/get?run_id={runId}")).GetProperty("run");
        Assert.False(run.GetProperty("data").TryGetProperty("metrics", out _));
        Assert.False(run.GetProperty("inputs").TryGetProperty("dataset_inputs", out _));
        foreach (var name in new[] { "nulls", "elsewhere", "traversal", "long-location" })
        {
            MlflowApi.AssertError(HttpStatusCode.NotFound, "RESOURCE_DOES_NOT_EXIST", await api.GetAsync($"experiments/get-by-name?experiment_name={name}"));
        }

        var deep = string.Join(" and ", Enumerable.Range(0, 100).Select(i => $"params.p{i} != 'x'"));
        Assert.False((await api.OkAsync("runs/search", new { experiment_ids = new[] { "0" }, filter = deep })).TryGetProperty("runs", out _));
        await api.OkAsync("runs/log-parameter", new { run_id = runId, key = "escaped", value = "a\\u0000b" });
        var runs = await api.OkAsync("runs/search", new { experiment_ids = new[] { "0" } });
        Assert.Single(runs.GetProperty("runs").EnumerateArray());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Edge_values_that_are_valid_are_served(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await api.OkAsync("runs/log-metric", new { run_id = runId, key = "m", value = 1.0, timestamp = 1 });
        var all = await api.GetOkAsync($"metrics/get-history?run_id={runId}&metric_key=m&max_results=2147483647");
        Assert.Single(all.GetProperty("metrics").EnumerateArray());

        await api.OkAsync("runs/set-tag", new { run_id = runId, key = "mlflow.log-model.history", value = "not json" });
        var modelJson = JsonSerializer.Serialize(new { artifact_path = "model", flavors = new { onnx = new { } }, utc_time_created = "2026-01-01", run_id = runId });
        await api.OkAsync("runs/log-model", new { run_id = runId, model_json = modelJson });

        var created = await api.OkAsync("experiments/create", new { name = "own-root" });
        var id = created.GetProperty("experiment_id").GetString();
        var next = long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture) + 1;
        var placed = await api.OkAsync("experiments/create", new { name = "sub-root", artifact_location = $"mlflow-artifacts:/{next}/custom" });
        var experiment = (await api.GetOkAsync($"experiments/get?experiment_id={placed.GetProperty("experiment_id").GetString()}")).GetProperty("experiment");
        Assert.Equal($"mlflow-artifacts:/{next}/custom", experiment.GetProperty("artifact_location").GetString());
    }
}
