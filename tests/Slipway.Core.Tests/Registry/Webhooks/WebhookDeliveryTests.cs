using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;
using static Slipway.Core.Tests.Registry.Webhooks.WebhookTestSupport;

namespace Slipway.Core.Tests.Registry.Webhooks;

/// <summary>Registry changes reach a real receiver on loopback: signed, retried, logged, and never in the API call's way.</summary>
public sealed class WebhookDeliveryTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task New_versions_and_alias_moves_arrive_signed_with_MLflow_payloads(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: LoopbackSettings);
        var api = new MlflowApi(server.Client);
        const string secret = "s3cret-for-mlflow";
        var webhookId = await CreateMlflowWebhookAsync(api, receiver.Url, secret, ("MODEL_VERSION", "CREATED"), ("MODEL_VERSION_ALIAS", "CREATED"));

        await api.OkAsync("registered-models/create", new { name = "churn" });
        var runId = await CreateRunWithModelAsync(api);
        await api.LogModelFilesAsync(runId, "model2");
        await api.OkAsync("model-versions/create", new { name = "churn", source = $"runs:/{runId}/model", run_id = runId, tags = new[] { new { key = "team", value = "risk" } } });
        await api.OkAsync("model-versions/create", new { name = "churn", source = $"runs:/{runId}/model2", description = "second" });
        await api.OkAsync("registered-models/alias", new { name = "churn", alias = "champion", version = "1" });
        await api.OkAsync("registered-models/alias", new { name = "churn", alias = "champion", version = "2" });

        var requests = await receiver.WaitForAsync(4);
        foreach (var request in requests)
        {
            WebhookReceiver.AssertSigned(request, Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(secret));
        }

        var bodies = requests.Select(r => r.Json).OrderBy(b => b.GetProperty("entity").GetString()).ThenBy(b => b.GetProperty("data").GetProperty("version").GetString()).ToList();
        var first = bodies[0];
        Assert.Equal("model_version", first.GetProperty("entity").GetString());
        Assert.Equal("created", first.GetProperty("action").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$", first.GetProperty("timestamp").GetString());
        var data = first.GetProperty("data");
        Assert.Equal(["name", "version", "source", "run_id", "tags", "description"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("churn", data.GetProperty("name").GetString());
        Assert.Equal("1", data.GetProperty("version").GetString());
        Assert.Equal($"runs:/{runId}/model", data.GetProperty("source").GetString());
        Assert.Equal(runId, data.GetProperty("run_id").GetString());
        Assert.Equal("risk", data.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("description").ValueKind);
        Assert.Equal("second", bodies[1].GetProperty("data").GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, bodies[1].GetProperty("data").GetProperty("run_id").ValueKind);

        var aliasMoves = bodies.Where(b => b.GetProperty("entity").GetString() == "model_version_alias").Select(b => b.GetProperty("data")).ToList();
        Assert.Equal(2, aliasMoves.Count);
        Assert.All(aliasMoves, d => Assert.Equal(["name", "alias", "version"], d.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["1", "2"], aliasMoves.Select(d => d.GetProperty("version").GetString()));
        Assert.Equal(requests.Count, requests.Select(r => r.Header("X-MLflow-Delivery-Id")).Distinct().Count());

        var log = await WaitForDeliveriesAsync(server.Client, webhookId, d => d.Length == 4 && d.All(x => x.GetProperty("status").GetString() == "SUCCEEDED"));
        Assert.All(log, d =>
        {
            Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            Assert.Equal(200, d.GetProperty("last_status_code").GetInt32());
        });
        Assert.Equal(4, receiver.Requests.Count);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_500_is_retried_with_the_same_delivery_id_and_the_log_shows_both_attempts(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = index => Task.FromResult(index == 0 ? 500 : 200);
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: LoopbackSettings);
        var api = new MlflowApi(server.Client);
        var webhookId = await CreateMlflowWebhookAsync(api, receiver.Url, "k", ("REGISTERED_MODEL", "CREATED"));

        await api.OkAsync("registered-models/create", new { name = "retry-me", description = "d" });

        var requests = await receiver.WaitForAsync(2);
        Assert.Equal(requests[0].Header("X-MLflow-Delivery-Id"), requests[1].Header("X-MLflow-Delivery-Id"));
        Assert.Equal(requests[0].Body, requests[1].Body);
        var body = requests[1].Json;
        Assert.Equal("registered_model", body.GetProperty("entity").GetString());
        Assert.Equal("retry-me", body.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal("d", body.GetProperty("data").GetProperty("description").GetString());

        var log = await WaitForDeliveriesAsync(server.Client, webhookId, d => d.Length == 1 && d[0].GetProperty("status").GetString() == "SUCCEEDED");
        Assert.Equal(2, log[0].GetProperty("attempts").GetInt32());
        Assert.Equal(200, log[0].GetProperty("last_status_code").GetInt32());
        Assert.Equal(requests[1].Body, log[0].GetProperty("payload").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_receiver_that_keeps_failing_is_given_up_after_the_last_attempt(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(503);
        var settings = new Dictionary<string, string?>(LoopbackSettings) { ["Webhooks:MaxAttempts"] = "3" };
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: settings);
        var api = new MlflowApi(server.Client);
        var webhookId = await CreateMlflowWebhookAsync(api, receiver.Url, null, ("REGISTERED_MODEL", "CREATED"));

        await api.OkAsync("registered-models/create", new { name = "never" });

        var log = await WaitForDeliveriesAsync(server.Client, webhookId, d => d.Length == 1 && d[0].GetProperty("status").GetString() == "FAILED");
        Assert.Equal(3, log[0].GetProperty("attempts").GetInt32());
        Assert.Equal(503, log[0].GetProperty("last_status_code").GetInt32());
        Assert.Contains("503", log[0].GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("", r.Header("X-MLflow-Signature")));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_API_call_returns_before_the_receiver_answers(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = _ => release.Task;
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: LoopbackSettings);
        var api = new MlflowApi(server.Client);
        var webhookId = await CreateMlflowWebhookAsync(api, receiver.Url, "k", ("REGISTERED_MODEL", "CREATED"));

        // The receiver holds its answer until released, and it is released only after the API call returned: a
        // delivery made inside the call would never let the call complete.
        var (status, _) = await SendAsync(api, HttpMethod.Post, "registered-models/create", new { name = "fast" });
        Assert.Equal(HttpStatusCode.OK, status);

        await receiver.WaitForAsync(1);
        var pending = await DeliveriesAsync(server.Client, webhookId);
        Assert.Equal("PENDING", Assert.Single(pending).GetProperty("status").GetString());

        release.SetResult(200);
        var log = await WaitForDeliveriesAsync(server.Client, webhookId, d => d.Length == 1 && d[0].GetProperty("status").GetString() == "SUCCEEDED");
        Assert.Equal(1, log[0].GetProperty("attempts").GetInt32());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Slipway_events_reach_native_webhooks_with_Standard_Webhooks_whsec_secrets(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: LoopbackSettings);
        var api = new MlflowApi(server.Client);
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var secret = "whsec_" + Convert.ToBase64String(key);
        using var created = await server.Client.PostAsJsonAsync("api/v1/webhooks", new
        {
            name = "stages",
            url = receiver.Url,
            secret,
            events = new[] { new { entity = "MODEL_VERSION", action = "STAGE_CHANGED" }, new { entity = "MODEL_VERSION_ALIAS", action = "MOVED" } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(webhook.GetProperty("has_secret").GetBoolean());
        Assert.DoesNotContain(secret, webhook.ToString(), StringComparison.Ordinal);

        await api.OkAsync("registered-models/create", new { name = "staged" });
        var runId = await CreateRunWithModelAsync(api);
        await api.OkAsync("model-versions/create", new { name = "staged", source = $"runs:/{runId}/model" });
        await api.OkAsync("model-versions/create", new { name = "staged", source = $"runs:/{runId}/model" });
        await api.OkAsync("model-versions/transition-stage", new { name = "staged", version = "1", stage = "Production" });
        await api.OkAsync("model-versions/transition-stage", new { name = "staged", version = "2", stage = "Production", archive_existing_versions = true });
        await api.OkAsync("registered-models/alias", new { name = "staged", alias = "live", version = "1" });
        await api.OkAsync("registered-models/alias", new { name = "staged", alias = "live", version = "2" });

        var requests = await receiver.WaitForAsync(4);
        foreach (var request in requests)
        {
            WebhookReceiver.AssertSigned(request, Encoding.UTF8.GetBytes(secret), key);
        }

        var changes = requests.Select(r => r.Json).Select(b => (
            Action: b.GetProperty("action").GetString(),
            Version: b.GetProperty("data").TryGetProperty("version", out var v) ? v.GetString() : null,
            From: b.GetProperty("data").GetProperty("from").GetString(),
            To: b.GetProperty("data").GetProperty("to").GetString())).OrderBy(c => c.Action).ThenBy(c => c.Version).ThenBy(c => c.From).ToList();
        Assert.Equal(
            [("moved", null, "1", "2"), ("stage_changed", "1", "None", "Production"), ("stage_changed", "1", "Production", "Archived"), ("stage_changed", "2", "None", "Production")],
            changes);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Lifecycle_card_and_integrity_events_wake_the_delivery_worker_when_they_commit(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The worker polls only every ten minutes here: each delivery below can only arrive because its change woke it.
        var settings = new Dictionary<string, string?>(LoopbackSettings) { ["Webhooks:PollInterval"] = "00:10:00" };
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: settings);
        var api = new MlflowApi(server.Client);
        string[] actions = ["HOLD_ADDED", "HOLD_REMOVED", "ARCHIVED", "RESTORED", "CARD_UPDATED", "INTEGRITY_FAILED"];
        using (var created = await server.Client.PostAsJsonAsync("api/v1/webhooks", new
        {
            name = "lifecycle",
            url = receiver.Url,
            secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            events = actions.Select(action => new { entity = "MODEL_VERSION", action }).ToArray(),
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await api.OkAsync("registered-models/create", new { name = "woken" });
        var runId = await CreateRunWithModelAsync(api);
        await api.OkAsync("model-versions/create", new { name = "woken", source = $"runs:/{runId}/model", run_id = runId });

        async Task ExpectAsync(HttpStatusCode expected, Func<Task<HttpResponseMessage>> change, int delivered)
        {
            using (var response = await change())
            {
                Assert.Equal(expected, response.StatusCode);
            }

            var requests = await receiver.WaitForAsync(delivered);
            Assert.Equal(actions[delivered - 1].ToLowerInvariant(), requests[delivered - 1].Json.GetProperty("action").GetString());
        }

        const string version = "api/v1/models/woken/versions/1";
        await ExpectAsync(HttpStatusCode.Created, () => server.Client.PostAsJsonAsync($"{version}/holds", new { reference = "INC-1" }), 1);
        await ExpectAsync(HttpStatusCode.NoContent, () => server.Client.DeleteAsync($"{version}/holds/manual/INC-1"), 2);
        await ExpectAsync(HttpStatusCode.OK, () => server.Client.PostAsync($"{version}/archive", null), 3);
        await ExpectAsync(HttpStatusCode.OK, () => server.Client.PostAsync($"{version}/restore", null), 4);
        await ExpectAsync(HttpStatusCode.OK, () => server.Client.PatchAsJsonAsync($"{version}/card", new { intended_use = "Tests." }), 5);

        // A stored file changed behind the registry's back: verify records INTEGRITY_FAILED, outside any change's transaction.
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var key = await db.ModelVersions.Where(v => v.Version == 1).Select(v => v.StorageKey).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<IArtifactStore>().WriteAsync($"{key}/data/weights.bin", new MemoryStream([9, 9, 9]), CancellationToken.None);
        }

        await ExpectAsync(HttpStatusCode.OK, () => server.Client.PostAsync($"{version}/verify", null), 6);
    }
}
