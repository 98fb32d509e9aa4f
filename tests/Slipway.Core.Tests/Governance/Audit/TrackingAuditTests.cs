using System.Net;
using System.Text.Json;
using Slipway.Tests;
using static Slipway.Core.Tests.Governance.Audit.AuditTestSupport;

namespace Slipway.Core.Tests.Governance.Audit;

/// <summary>Every tracking and artifact change over real HTTP is exactly one audit event with its action, and tag and param values stay out.</summary>
public sealed class TrackingAuditTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Every_tracking_and_artifact_mutation_is_one_audit_event_with_its_action(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var expected = new List<string>();
        async Task<JsonElement> Do(string action, string rpc, object body)
        {
            var answer = await api.OkAsync(rpc, body);
            expected.Add(action);
            return answer;
        }

        async Task Send(string action, HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await server.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            expected.Add(action);
        }

        var before = (await EventsAsync(server.Client)).Length;
        var experimentId = (await Do("experiment.create", "experiments/create", new { name = "exp", tags = new[] { new { key = "owner", value = "secret-tag-value" } } }))
            .GetProperty("experiment_id").GetString()!;
        await Do("experiment.update", "experiments/update", new { experiment_id = experimentId, new_name = "exp2" });
        await Do("experiment.tag.set", "experiments/set-experiment-tag", new { experiment_id = experimentId, key = "team", value = "secret-tag-value" });
        await Do("experiment.tag.delete", "experiments/delete-experiment-tag", new { experiment_id = experimentId, key = "team" });
        var runId = (await Do("run.create", "runs/create", new { experiment_id = experimentId, user_id = "alice@example.com", start_time = 1000 }))
            .GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
        await Do("run.update", "runs/update", new { run_id = runId, status = "FINISHED", run_name = "renamed" });
        await Do("run.log_metric", "runs/log-metric", new { run_id = runId, key = "loss", value = 0.5, timestamp = 1000, step = 0 });
        await Do("run.log_param", "runs/log-parameter", new { run_id = runId, key = "lr", value = "secret-param-value" });
        await Do("run.tag.set", "runs/set-tag", new { run_id = runId, key = "note", value = "secret-tag-value" });
        await Do("run.tag.delete", "runs/delete-tag", new { run_id = runId, key = "note" });
        await Do("run.log_batch", "runs/log-batch", new
        {
            run_id = runId,
            metrics = Enumerable.Range(0, 50).Select(i => new { key = "acc", value = i / 50.0, timestamp = 1000 + i, step = i }).ToArray(),
            @params = new[] { new { key = "batch", value = "secret-param-value" } },
            tags = new[] { new { key = "stage", value = "secret-tag-value" } },
        });
        await Do("run.log_inputs", "runs/log-inputs", new
        {
            run_id = runId,
            datasets = new[] { new { dataset = new { name = "train", digest = "d1", source_type = "local", source = "{}" }, tags = new[] { new { key = "ctx", value = "secret-tag-value" } } } },
        });
        await Do("run.log_model", "runs/log-model", new
        {
            run_id = runId,
            model_json = JsonSerializer.Serialize(new { artifact_path = "model", flavors = new { sklearn = new { } }, utc_time_created = "2026-01-01", run_id = runId }),
        });
        var modelId = (await Do("logged_model.create", "logged-models", new { experiment_id = experimentId, name = "lm", source_run_id = runId }))
            .GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!;
        await Do("run.log_outputs", "runs/outputs", new { run_id = runId, models = new[] { new { model_id = modelId, step = 1 } } });
        await Send("logged_model.tag.set", HttpMethod.Patch, $"api/2.0/mlflow/logged-models/{modelId}/tags", new { tags = new[] { new { key = "k", value = "secret-tag-value" } } });
        await Send("logged_model.tag.delete", HttpMethod.Delete, $"api/2.0/mlflow/logged-models/{modelId}/tags/k");
        await Send("logged_model.log_params", HttpMethod.Post, $"api/2.0/mlflow/logged-models/{modelId}/params", new { @params = new[] { new { key = "p", value = "secret-param-value" } } });
        await Send("logged_model.finalize", HttpMethod.Patch, $"api/2.0/mlflow/logged-models/{modelId}", new { model_id = modelId, status = "LOGGED_MODEL_READY" });
        await Send("artifact.upload", HttpMethod.Put, $"api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/notes.txt", null);
        await Send("artifact.delete", HttpMethod.Delete, $"api/2.0/mlflow-artifacts/artifacts/{experimentId}/{runId}/artifacts/notes.txt");
        await Send("logged_model.delete", HttpMethod.Delete, $"api/2.0/mlflow/logged-models/{modelId}");
        await Do("run.delete", "runs/delete", new { run_id = runId });
        await Do("run.restore", "runs/restore", new { run_id = runId });
        await Do("experiment.delete", "experiments/delete", new { experiment_id = experimentId });
        await Do("experiment.restore", "experiments/restore", new { experiment_id = experimentId });

        // A refused change writes nothing but its refusal.
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("runs/log-parameter", new { run_id = runId, key = "lr", value = "other" })).Status);

        var events = (await EventsAsync(server.Client))[before..];
        Assert.Equal(expected, events.Select(e => e.GetProperty("action").GetString()!));
        Assert.All(events, e => Assert.Equal("success", e.GetProperty("outcome").GetString()));

        var rename = events[1];
        Assert.Equal("exp", rename.GetProperty("changes").GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("exp2", rename.GetProperty("changes").GetProperty("after").GetProperty("name").GetString());
        Assert.Equal(("experiment", experimentId, "exp2", "1"), Resource(rename));

        var run = events[4];
        Assert.Equal(("run", runId, run.GetProperty("resource").GetProperty("name").GetString()!, "1"), Resource(run));
        Assert.StartsWith("hmac-sha256:", run.GetProperty("changes").GetProperty("after").GetProperty("user_id").GetString(), StringComparison.Ordinal);

        var batch = events[10].GetProperty("changes");
        Assert.Equal((50, 1, 1), (batch.GetProperty("metrics").GetInt32(), batch.GetProperty("params").GetInt32(), batch.GetProperty("tags").GetInt32()));
        Assert.Equal("batch", batch.GetProperty("param_keys")[0].GetString());
        var inputs = events[11].GetProperty("changes").GetProperty("datasets")[0];
        Assert.Equal(("train", "d1"), (inputs.GetProperty("name").GetString(), inputs.GetProperty("digest").GetString()));

        var everything = string.Join('\n', events.Select(e => e.GetRawText()));
        Assert.DoesNotContain("secret-tag-value", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-param-value", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("alice@example.com", everything, StringComparison.Ordinal);
        Assert.True((await VerifyAsync(server.Client)).GetProperty("ok").GetBoolean());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_failing_audit_insert_fails_a_tracking_change_and_leaves_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new MlflowApi(server.Client);
        var runId = await api.CreateRunAsync();
        await ExecuteSqlAsync(server, provider == Provider.Sqlite
            ? "CREATE TRIGGER audit_down BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit down'); END;"
            : """
              CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$ LANGUAGE plpgsql;
              CREATE TRIGGER audit_down BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_down();
              """);

        Assert.Equal(HttpStatusCode.InternalServerError, (await api.PostAsync("runs/log-batch", new { run_id = runId, @params = new[] { new { key = "lr", value = "1" } } })).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await api.PostAsync("experiments/create", new { name = "never" })).Status);

        var run = await api.GetOkAsync($"runs/get?run_id={runId}");
        Assert.False(run.GetProperty("run").GetProperty("data").TryGetProperty("params", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("experiments/get-by-name?experiment_name=never")).Status);
    }

    private static (string, string, string, string) Resource(JsonElement e)
    {
        var r = e.GetProperty("resource");
        return (r.GetProperty("type").GetString()!, r.GetProperty("id").GetString()!, r.GetProperty("name").GetString()!, r.GetProperty("workspace").GetString()!);
    }
}
