using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Slipway.Tests;
using Slipway.Tests.Models;

namespace Slipway.Core.Tests.Serving;

/// <summary>Issue 6, second Done-when item: hot swap under load, and a corrupt version that never takes traffic.</summary>
public sealed class AliasSwitchTests
{
    [Fact]
    public async Task Moving_the_alias_under_concurrent_load_loses_no_request_and_loads_and_warms_before_switching()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: ServingKit.FastLoops);
        var first = await ServingKit.RegisterMlnetAsync(server, "churn");
        var second = await ServingKit.RegisterOnnxAsync(server, "churn");
        await ServingKit.SetAliasAsync(server, "churn", "champion", first);
        await ServingKit.DeployAsync(server, ServingKit.Spec("churn", ServingKit.Route("main", "churn", alias: "champion")));
        await ServingKit.WaitAsync(server, "churn");

        var rows = ServingKit.Rows(64);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var versions = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var seenSecond = new TaskCompletionSource();
        var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var i = c;
            while (!stop.IsCancellationRequested)
            {
                var (response, body) = await ServingKit.PostAsync(server.Client, "mlflow/churn/invocations", ServingKit.RecordsBody([rows[i++ % rows.Count]]));
                statuses.Add(response.StatusCode);
                Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
                var version = ServingKit.Header(response, "X-Slipway-Model-Version");
                versions.AddOrUpdate(version, 1, (_, n) => n + 1);
                if (version == second.ToString(CultureInfo.InvariantCulture))
                {
                    seenSecond.TrySetResult();
                }
            }
        })).ToList();

        await ServingKit.EventuallyAsync(() => Task.FromResult(statuses.Count >= 200), "200 answers from the first version");
        await ServingKit.SetAliasAsync(server, "churn", "champion", second);
        await seenSecond.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var afterSwitch = statuses.Count;
        await ServingKit.EventuallyAsync(() => Task.FromResult(statuses.Count >= afterSwitch + 200), "200 more answers after the switch");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.True(versions.ContainsKey(first.ToString(CultureInfo.InvariantCulture)) && versions.ContainsKey(second.ToString(CultureInfo.InvariantCulture)));

        // The log shows the new version loaded and warmed before the route switched to it.
        var lines = server.Logs.ToList();
        int IndexOf(string text) => lines.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        var loading = IndexOf($"Loading model 'churn' version {second}");
        var warming = IndexOf($"Warming up model 'churn' version {second}");
        var ready = IndexOf($"Model 'churn' version {second} is ready");
        var switched = IndexOf($"route 'main' switched from version {first} to version {second}");
        Assert.True(loading >= 0 && loading < warming && warming < ready && ready < switched, string.Join('\n', lines.Where(l => l.Contains("churn", StringComparison.Ordinal))));
        var metrics = await ServingKit.MetricsAsync(server);
        Assert.Equal(1, ServingKit.Metric(metrics, "slipway_alias_switches_total", ("deployment", "churn"), ("outcome", "switched")));
    }

    [Fact]
    public async Task A_corrupt_version_fails_to_load_and_the_old_one_keeps_serving()
    {
        await using var server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: ServingKit.FastLoops);
        var good = await ServingKit.RegisterOnnxAsync(server, "fraud");
        var corrupt = await ServingKit.RegisterOnnxAsync(server, "fraud");
        await ServingStorage.CorruptAsync(server, "fraud", corrupt, ModelPackages.OnnxFile);
        await ServingKit.SetAliasAsync(server, "fraud", "champion", good);
        await ServingKit.DeployAsync(server, ServingKit.Spec("fraud", ServingKit.Route("main", "fraud", alias: "champion")));
        await ServingKit.WaitAsync(server, "fraud");

        await ServingKit.SetAliasAsync(server, "fraud", "champion", corrupt);
        var status = await ServingKit.WaitAsync(server, "fraud", d => d.GetProperty("status")[0].TryGetProperty("reason", out var reason)
            && reason.ValueKind == System.Text.Json.JsonValueKind.String);
        var route = status.GetProperty("status")[0];
        Assert.Equal(good, route.GetProperty("version").GetInt32());
        Assert.Equal(corrupt, route.GetProperty("pending_version").GetInt32());
        Assert.Contains(ModelPackages.OnnxFile, route.GetProperty("reason").GetString(), StringComparison.Ordinal);

        for (var i = 0; i < 20; i++)
        {
            var (response, body) = await ServingKit.PostAsync(server.Client, "v2/models/fraud/infer", ServingKit.OipBody(ServingKit.Rows(1, skip: i)));
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            Assert.Equal(good.ToString(CultureInfo.InvariantCulture), ServingKit.Header(response, "X-Slipway-Model-Version"));
        }

        var metrics = await ServingKit.MetricsAsync(server);
        Assert.True(ServingKit.Metric(metrics, "slipway_alias_switches_total", ("deployment", "fraud"), ("outcome", "failed")) >= 1);
        Assert.True(ServingKit.Metric(metrics, "slipway_model_loads_total", ("outcome", "failed")) >= 1);
    }
}
