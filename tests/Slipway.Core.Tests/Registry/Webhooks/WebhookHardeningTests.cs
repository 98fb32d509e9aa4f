using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;
using static Slipway.Core.Tests.Registry.Webhooks.WebhookTestSupport;

namespace Slipway.Core.Tests.Registry.Webhooks;

/// <summary>
/// Webhook URLs kept out of logs, redirects treated as failures, webhook management at MANAGE (governance.md §6.5,
/// §8.2), and integrity failures reported once per broken file.
/// </summary>
public sealed class WebhookHardeningTests
{
    private const string PathSecret = "T00000000/B00000000/XXXXsecretXXXXpathXXXX";

    [Fact]
    public async Task A_delivery_never_logs_the_secret_path_of_the_webhook_URL()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = index => Task.FromResult(index == 0 ? 500 : 200);
        // Every HTTP client log line is on, so that any handler logging the request URI would show up.
        var settings = new Dictionary<string, string?>(LoopbackSettings) { ["Logging:LogLevel:System.Net.Http"] = "Trace" };
        await using var server = await SlipwayTestServer.StartAsync(settings: settings);
        var api = new MlflowApi(server.Client);
        var id = await CreateMlflowWebhookAsync(api, $"{receiver.Url}/{PathSecret}", null, ("REGISTERED_MODEL", "CREATED"));

        await api.OkAsync("registered-models/create", new { name = "logged" });
        var deliveries = await WaitForDeliveriesAsync(server.Client, id, d => d.Length == 1 && d[0].GetProperty("status").GetString() == "SUCCEEDED");
        var test = await api.OkAsync($"webhooks/{id}/test", new { });
        Assert.True(test.GetProperty("result").GetProperty("success").GetBoolean());

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal($"/hook/{PathSecret}", r.Path));
        var logs = server.Logs.ToList();
        Assert.Contains(logs, l => l.Contains(deliveries[0].GetProperty("id").GetString()!, StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("secretXXXXpath", StringComparison.Ordinal) || l.Contains("/hook", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_redirect_is_a_failure_for_the_test_RPC_and_the_worker_and_is_never_followed(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(302);
        var settings = new Dictionary<string, string?>(LoopbackSettings) { ["Webhooks:MaxAttempts"] = "2" };
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: settings);
        var api = new MlflowApi(server.Client);
        var id = await CreateMlflowWebhookAsync(api, receiver.Url, null, ("REGISTERED_MODEL", "CREATED"));

        var test = (await api.OkAsync($"webhooks/{id}/test", new { })).GetProperty("result");
        Assert.False(test.GetProperty("success").GetBoolean());
        Assert.Equal(302, test.GetProperty("response_status").GetInt32());
        Assert.Contains("redirects are not followed", test.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Single(receiver.Requests);

        await api.OkAsync("registered-models/create", new { name = "redirected" });
        static bool FromEvent(JsonElement d) => d.TryGetProperty("event_id", out var e) && e.ValueKind != JsonValueKind.Null;
        var deliveries = await WaitForDeliveriesAsync(server.Client, id, d => d.Any(x => FromEvent(x) && x.GetProperty("status").GetString() == "FAILED"));
        var delivery = deliveries.Single(FromEvent);
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(302, delivery.GetProperty("last_status_code").GetInt32());
        Assert.Contains("redirects are not followed", delivery.GetProperty("last_error").GetString(), StringComparison.Ordinal);

        // One request per attempt (the test and two deliveries), none of them to the redirect's target.
        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, r => Assert.Equal("/hook", r.Path));
    }

    [Fact]
    public async Task Every_webhook_route_needs_MANAGE()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.Contains("/webhooks", StringComparison.Ordinal))
            .ToList();
        // MLflow's six RPCs under both prefixes, and the seven native routes.
        Assert.Equal(19, routes.Count);
        Assert.All(routes, e => Assert.Equal(Permission.Manage, RouteSamples.Level(e)));
        Assert.Contains(routes, e => e.RoutePattern.RawText!.StartsWith("/ajax-api/2.0/mlflow/webhooks", StringComparison.Ordinal));
        Assert.Contains(routes, e => e.RoutePattern.RawText!.StartsWith("/api/v1/webhooks", StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Repeated_failures_on_the_same_tampered_file_record_one_event_and_one_delivery_until_it_verifies_clean(Provider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: LoopbackSettings);
        var api = new MlflowApi(server.Client);
        using (var created = await server.Client.PostAsJsonAsync("api/v1/webhooks", new
        {
            name = "integrity",
            url = receiver.Url,
            events = new[] { new { entity = "MODEL_VERSION", action = "INTEGRITY_FAILED" } },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await api.OkAsync("registered-models/create", new { name = "tampered" });
        var runId = await CreateRunWithModelAsync(api);
        await api.OkAsync("model-versions/create", new { name = "tampered", source = $"runs:/{runId}/model", run_id = runId });
        string key;
        using (var scope = server.Services.CreateScope())
        {
            key = await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().ModelVersions.Select(v => v.StorageKey).SingleAsync() ?? "";
        }

        var file = $"api/2.0/mlflow-artifacts/artifacts/{key}/MLmodel";
        var original = await server.Client.GetByteArrayAsync(file);
        await WriteAsync(server, $"{key}/MLmodel", [.. original, (byte)'\n']);

        for (var i = 0; i < 3; i++)
        {
            MlflowApi.AssertError(HttpStatusCode.InternalServerError, "DATA_LOSS", await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, file)));
        }

        // The same damage seen by verify is not news either.
        using (var verify = await server.Client.PostAsync("api/v1/models/tampered/versions/1/verify", null))
        {
            Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        }

        Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal(["INTEGRITY_FAILED"], await IntegrityActionsAsync(server));
        var webhookId = (await server.Client.GetFromJsonAsync<JsonElement>("api/v1/webhooks")).GetProperty("items")[0].GetProperty("id").GetString()!;
        Assert.Single(await DeliveriesAsync(server.Client, webhookId));

        // Repaired and verified clean, then broken the same way again: reported again.
        await WriteAsync(server, $"{key}/MLmodel", original);
        using (var clean = await server.Client.PostAsync("api/v1/models/tampered/versions/1/verify", null))
        {
            Assert.True((await clean.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ok").GetBoolean());
        }

        await WriteAsync(server, $"{key}/MLmodel", [.. original, (byte)'\n']);
        MlflowApi.AssertError(HttpStatusCode.InternalServerError, "DATA_LOSS", await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, file)));
        MlflowApi.AssertError(HttpStatusCode.InternalServerError, "DATA_LOSS", await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, file)));
        Assert.Equal(2, (await receiver.WaitForAsync(2)).Count);
        Assert.Equal(["INTEGRITY_FAILED", "INTEGRITY_RESTORED", "INTEGRITY_FAILED"], await IntegrityActionsAsync(server));
        Assert.Equal(2, (await DeliveriesAsync(server.Client, webhookId)).Length);
    }

    private static async Task WriteAsync(SlipwayTestServer server, string key, byte[] bytes)
    {
        using var scope = server.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IArtifactStore>().WriteAsync(key, new MemoryStream(bytes), CancellationToken.None);
    }

    private static async Task<List<string>> IntegrityActionsAsync(SlipwayTestServer server)
    {
        using var scope = server.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().RegistryEvents
            .Where(e => e.Action.StartsWith("INTEGRITY_")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }
}
