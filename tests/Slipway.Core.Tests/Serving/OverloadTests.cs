using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Serving.Telemetry;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving;

/// <summary>Issue 6, sixth Done-when item: priority under overload, the caller's own rate limit, and no record of a rejection.</summary>
public sealed class OverloadTests
{
    private const int Width = 512;

    private static async Task<(string Secret, long Id)> TokenAsync(SlipwayTestServer server, string name, JsonObject limits)
    {
        using var created = await server.Client.PostAsJsonAsync("api/v1/tokens", new { name });
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.True(created.IsSuccessStatusCode, body.ToString());
        var id = body.GetProperty("token").GetProperty("id").GetInt64();
        using var set = await server.Client.PutAsync($"api/v1/tokens/{id}/limits", ServingKit.Json(limits.ToJsonString()));
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        return (body.GetProperty("secret").GetString()!, id);
    }

    private static string SlowBody()
    {
        var data = new JsonArray([.. Enumerable.Range(0, Width).Select(i => JsonValue.Create(i % 7 / 7f))]);
        return new JsonObject { ["inputs"] = new JsonArray(new JsonObject { ["name"] = "x", ["shape"] = new JsonArray(1, Width), ["datatype"] = "FP32", ["data"] = data }) }.ToJsonString();
    }

    [Fact]
    public async Task Over_capacity_the_sheddable_client_gets_503s_first_and_the_critical_client_keeps_getting_answers()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: ServingKit.FastLoops);
        var version = await ServingKit.RegisterAsync(server, "heavy", "heavy.onnx", OnnxGraphs.Slow(Width, layers: 48));
        var spec = ServingKit.Spec("heavy", ServingKit.Route("main", "heavy", version: version));
        spec["batching"] = new JsonObject { ["enabled"] = false, ["executors"] = 1 };
        spec["limits"] = new JsonObject { ["max_queue"] = 16, ["deadline_ms"] = 30000 };
        spec["tiers"] = new JsonObject { ["sheddable"] = new JsonObject { ["max_wait_ms"] = 5 } };
        await ServingKit.DeployAsync(server, spec);
        await ServingKit.WaitAsync(server, "heavy");
        var critical = await TokenAsync(server, "critical", new JsonObject { ["default_tier"] = "critical", ["max_tier"] = "critical" });
        var sheddable = await TokenAsync(server, "batch", new JsonObject { ["default_tier"] = "sheddable", ["max_tier"] = "sheddable" });

        var body = SlowBody();
        var results = new ConcurrentBag<(string Tier, HttpStatusCode Status, string? RetryAfter, string Code)>();
        async Task ClientAsync(string tier, string secret, int requests)
        {
            using var client = server.CreateClient(secret);
            for (var i = 0; i < requests; i++)
            {
                using var response = await client.PostAsync("v2/models/heavy/infer", ServingKit.Json(body));
                var text = await response.Content.ReadAsStringAsync();
                var code = response.StatusCode == HttpStatusCode.OK ? "OK" : JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
                results.Add((tier, response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture), code));
                Assert.Equal(tier, ServingKit.Header(response, "X-Slipway-Tier"));
            }
        }

        // Both above capacity: 12 sheddable and 4 critical clients, each sending back to back to one executor that needs
        // milliseconds per row (48 layers of 512×512), so the queue's projected wait passes sheddable's 5 ms at once.
        var clients = Enumerable.Range(0, 12).Select(_ => ClientAsync("sheddable", sheddable.Secret, 40))
            .Concat(Enumerable.Range(0, 4).Select(_ => ClientAsync("critical", critical.Secret, 40)))
            .ToList();
        await Task.WhenAll(clients);

        var criticalResults = results.Where(r => r.Tier == "critical").ToList();
        var sheddableResults = results.Where(r => r.Tier == "sheddable").ToList();
        Assert.All(criticalResults, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var shed = sheddableResults.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(shed);
        Assert.All(shed, r => Assert.Contains(r.Code, new[] { "SHED", "QUEUE_FULL" }));
        Assert.All(shed, r => Assert.True(double.Parse(r.RetryAfter!, CultureInfo.InvariantCulture) >= 1));
        Assert.All(sheddableResults, r => Assert.Contains(r.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));

        // A shed request leaves no prediction record: one record per answered request.
        var answered = results.Count(r => r.Status == HttpStatusCode.OK);
        var log = server.Services.GetRequiredService<PredictionLog>();
        await log.FlushAsync(CancellationToken.None);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        Assert.Equal(answered, await db.PredictionRecords.CountAsync(r => r.Deployment == "heavy"));
        var metrics = await ServingKit.MetricsAsync(server);
        Assert.Equal(shed.Count, ServingKit.Metric(metrics, "slipway_requests_rejected_total", ("deployment", "heavy"), ("tier", "sheddable")));
        Assert.Equal(0, ServingKit.Metric(metrics, "slipway_requests_rejected_total", ("deployment", "heavy"), ("tier", "critical")));
    }

    [Fact]
    public async Task A_client_over_its_own_rate_gets_429_with_retry_after_and_no_record()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: ServingKit.FastLoops);
        var version = await ServingKit.RegisterOnnxAsync(server, "scores");
        await ServingKit.DeployAsync(server, ServingKit.Spec("scores", ServingKit.Route("main", "scores", version: version)));
        await ServingKit.WaitAsync(server, "scores");
        var limited = await TokenAsync(server, "limited", new JsonObject { ["rate_per_second"] = 0.01, ["burst"] = 3 });
        using var client = server.CreateClient(limited.Secret);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync("mlflow/scores/invocations", ServingKit.Json(ServingKit.RecordsBody(ServingKit.Rows(1))));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused ??= response;
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        // Over its rate, even a malformed body is refused for the rate: it is not read or parsed.
        using (var malformed = await client.PostAsync("mlflow/scores/invocations", ServingKit.Json("{not json")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, malformed.StatusCode);
        }

        Assert.True(refused!.Headers.RetryAfter!.Delta!.Value.TotalSeconds >= 1);
        Assert.Equal("3", ServingKit.Header(refused, "RateLimit-Limit"));
        Assert.Equal("0", ServingKit.Header(refused, "RateLimit-Remaining"));
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", error.GetProperty("error_code").GetString());
        Assert.Equal("RATE_LIMITED", error.GetProperty("slipway_code").GetString());

        var log = server.Services.GetRequiredService<PredictionLog>();
        await log.FlushAsync(CancellationToken.None);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        Assert.Equal(3, await db.PredictionRecords.CountAsync(r => r.Deployment == "scores"));
    }

    [Fact]
    public async Task Asking_for_a_tier_above_the_token_maximum_is_forbidden()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: ServingKit.FastLoops);
        var version = await ServingKit.RegisterOnnxAsync(server, "scores");
        await ServingKit.DeployAsync(server, ServingKit.Spec("scores", ServingKit.Route("main", "scores", version: version)));
        await ServingKit.WaitAsync(server, "scores");
        var standard = await TokenAsync(server, "standard", new JsonObject { ["default_tier"] = "standard", ["max_tier"] = "standard" });
        using var client = server.CreateClient(standard.Secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/models/scores:predict") { Content = ServingKit.Json(ServingKit.V1Body(ServingKit.Rows(1))) };
        request.Headers.Add("X-Slipway-Priority", "critical");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("FORBIDDEN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
