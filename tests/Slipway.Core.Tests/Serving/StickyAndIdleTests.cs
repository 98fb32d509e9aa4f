using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Tests;

namespace Slipway.Core.Tests.Serving;

/// <summary>Issue 6, third and fourth Done-when items: sticky routing across servers, idle unload and reload.</summary>
public sealed class StickyAndIdleTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_same_sticky_key_reaches_the_same_version_on_a_freshly_started_server(Provider provider)
    {
        await using var first = await SlipwayTestServer.StartAsync(provider, settings: ServingKit.FastLoops);
        var a = await ServingKit.RegisterOnnxAsync(first, "offers");
        var b = await ServingKit.RegisterMlnetAsync(first, "offers");
        var spec = ServingKit.Spec("offers",
            ServingKit.Route("a", "offers", version: a, weight: 50),
            ServingKit.Route("b", "offers", version: b, weight: 50));
        spec["sticky_key"] = new System.Text.Json.Nodes.JsonObject { ["header"] = "X-Customer" };
        await ServingKit.DeployAsync(first, spec);
        await ServingKit.WaitAsync(first, "offers");

        var keys = Enumerable.Range(0, 200).Select(i => "customer-" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var before = await VersionsAsync(first.Client, keys);
        Assert.Equal(2, before.Values.Distinct().Count());

        // A second server process on the same database and files: a new process, so a new string-hash seed, same answers.
        var settings = new Dictionary<string, string?>(ServingKit.FastLoops) { ["DataDir"] = first.DataDir };
        if (provider == Provider.Postgres)
        {
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = first.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Database:ConnectionString"];
        }

        await using var second = await SlipwayTestServer.StartAsync(provider == Provider.Postgres ? Provider.Sqlite : provider, settings: settings);
        await ServingKit.WaitAsync(second, "offers");
        var after = await VersionsAsync(second.Client, keys);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_sticky_key_in_a_json_field_pins_each_customer_to_one_route()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: ServingKit.FastLoops);
        var a = await ServingKit.RegisterOnnxAsync(server, "offers");
        var b = await ServingKit.RegisterOnnxAsync(server, "offers");
        var spec = ServingKit.Spec("offers",
            ServingKit.Route("a", "offers", version: a, weight: 50),
            ServingKit.Route("b", "offers", version: b, weight: 50));
        spec["sticky_key"] = new System.Text.Json.Nodes.JsonObject { ["json_field"] = "customer_id" };
        await ServingKit.DeployAsync(server, spec);
        await ServingKit.WaitAsync(server, "offers");

        var row = System.Text.Json.Nodes.JsonNode.Parse(ServingKit.RecordsBody(ServingKit.Rows(1)))!["dataframe_records"]![0]!.AsObject();
        var first = new Dictionary<string, string>();
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 60; i++)
            {
                var key = "c-" + i.ToString(CultureInfo.InvariantCulture);
                var record = row.DeepClone().AsObject();
                record["customer_id"] = key;
                var body = new System.Text.Json.Nodes.JsonObject { ["dataframe_records"] = new System.Text.Json.Nodes.JsonArray(record) }.ToJsonString();
                var (response, json) = await ServingKit.PostAsync(server.Client, "mlflow/offers/invocations", body);
                Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
                Assert.Equal("customer_id", ServingKit.Header(response, "X-Slipway-Ignored-Inputs"));
                var route = ServingKit.Header(response, "X-Slipway-Route");
                if (round == 0)
                {
                    first[key] = route;
                }
                else
                {
                    Assert.Equal(first[key], route);
                }
            }
        }

        Assert.Equal(2, first.Values.Distinct().Count());
    }

    private static async Task<Dictionary<string, string>> VersionsAsync(HttpClient client, IEnumerable<string> keys)
    {
        var result = new Dictionary<string, string>();
        var row = ServingKit.Rows(1);
        foreach (var key in keys)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/models/offers:predict") { Content = ServingKit.Json(ServingKit.V1Body(row)) };
            request.Headers.Add("X-Customer", key);
            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            result[key] = ServingKit.Header(response, "X-Slipway-Model-Version");
            Assert.Equal(ServingKit.Header(response, "X-Slipway-Route") == "a" ? "1" : "2", result[key]);
        }

        return result;
    }

    [Fact]
    public async Task An_idle_model_is_unloaded_after_the_timeout_and_reloaded_on_the_next_request()
    {
        var settings = new Dictionary<string, string?>(ServingKit.FastLoops) { ["Serving:IdleUnloadAfterSeconds"] = "1" };
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: settings);
        var version = await ServingKit.RegisterOnnxAsync(server, "nightly");
        var spec = ServingKit.Spec("nightly", ServingKit.Route("main", "nightly", version: version, keepWarm: false));
        await ServingKit.DeployAsync(server, spec);
        // A lazy route serves once the router has it, before anything is loaded: its state is "unloaded".
        await ServingKit.WaitAsync(server, "nightly", d => d.GetProperty("status")[0].GetProperty("state").GetString() == "unloaded");

        // First request: a lazy load it waits for.
        var (first, body) = await ServingKit.PostAsync(server.Client, "v2/models/nightly/infer", ServingKit.OipBody(ServingKit.Rows(1)));
        Assert.True(first.StatusCode == HttpStatusCode.OK, body.ToString());
        var loaded = await ServingKit.MetricsAsync(server);
        Assert.Equal(1, ServingKit.Metric(loaded, "slipway_model_loads_total", ("outcome", "ok")));
        Assert.Equal(1, ServingKit.Metric(loaded, "slipway_model_state", ("model", "nightly"), ("state", "ready")));

        // Idle: unloaded by the sweeper, visible in the metrics.
        await ServingKit.EventuallyAsync(async () =>
            ServingKit.Metric(await ServingKit.MetricsAsync(server), "slipway_model_unloads_total", ("reason", "idle")) >= 1, "the idle unload");
        var unloaded = await ServingKit.MetricsAsync(server);
        Assert.Equal(1, ServingKit.Metric(unloaded, "slipway_model_state", ("model", "nightly"), ("state", "unloaded")));
        Assert.Equal(0, ServingKit.Metric(unloaded, "slipway_model_state", ("model", "nightly"), ("state", "ready")));

        // The next request loads it again.
        var (again, againBody) = await ServingKit.PostAsync(server.Client, "v2/models/nightly/infer", ServingKit.OipBody(ServingKit.Rows(1)));
        Assert.True(again.StatusCode == HttpStatusCode.OK, againBody.ToString());
        var reloaded = await ServingKit.MetricsAsync(server);
        Assert.Equal(2, ServingKit.Metric(reloaded, "slipway_model_loads_total", ("outcome", "ok")));
        Assert.Equal(1, ServingKit.Metric(reloaded, "slipway_model_state", ("model", "nightly"), ("state", "ready")));
    }
}
