using System.Globalization;
using System.Net;
using System.Text.Json;
using Slipway.Core.Serving.Telemetry;
using Slipway.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Tests.Serving;

/// <summary>
/// Issue 6, first Done-when item: the adult-census model trained in the test as ML.NET and exported to ONNX, both
/// registered, deployed 90/10 with a shadow, 1,000 requests through each protocol.
/// </summary>
public sealed class ServingEndToEndTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_90_10_deployment_with_a_shadow_splits_logs_and_answers_alike_through_every_protocol(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: ServingKit.FastLoops);
        var mlnet = await ServingKit.RegisterMlnetAsync(server, "income");
        var onnx = await ServingKit.RegisterOnnxAsync(server, "income");
        var shadowVersion = await ServingKit.RegisterOnnxAsync(server, "income");
        await ServingKit.SetAliasAsync(server, "income", "champion", mlnet);
        await ServingKit.DeployAsync(server, ServingKit.Spec("income",
            ServingKit.Route("champion", "income", alias: "champion", weight: 90),
            ServingKit.Route("challenger", "income", version: onnx, weight: 10),
            ServingKit.Route("shadow", "income", version: shadowVersion, role: "shadow", sample: 100, keepWarm: true)));
        await ServingKit.WaitAsync(server, "income");

        var rows = ServingKit.Rows(1000);
        var protocols = new (string Name, string Path, Func<int, string> Body)[]
        {
            ("v2", "v2/models/income/infer", i => ServingKit.OipBody([rows[i]], id: "order-" + i.ToString(CultureInfo.InvariantCulture))),
            ("v1", "v1/models/income:predict", i => ServingKit.V1Body([rows[i]])),
            ("mlflow", "mlflow/income/invocations", i => i % 2 == 0 ? ServingKit.SplitBody([rows[i]]) : ServingKit.RecordsBody([rows[i]])),
        };

        var routes = new Dictionary<string, int>();
        var predictionIds = new HashSet<string>();
        foreach (var (name, path, body) in protocols)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var (response, json) = await ServingKit.PostAsync(server.Client, path, body(i));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name} request {i}: {(int)response.StatusCode} {json}");
                var route = ServingKit.Header(response, "X-Slipway-Route");
                routes[route] = routes.GetValueOrDefault(route) + 1;
                var version = ServingKit.Header(response, "X-Slipway-Model-Version");
                Assert.Equal(route == "champion" ? mlnet : onnx, int.Parse(version, CultureInfo.InvariantCulture));
                Assert.Equal("income", ServingKit.Header(response, "X-Slipway-Deployment"));
                Assert.Equal("income", ServingKit.Header(response, "X-Slipway-Model"));
                Assert.Equal("standard", ServingKit.Header(response, "X-Slipway-Tier"));
                var predictionId = ServingKit.Header(response, "X-Slipway-Prediction-Id");
                Assert.True(Guid.TryParse(predictionId, out _));
                Assert.True(predictionIds.Add(predictionId));
                if (name == "v2")
                {
                    Assert.Equal("income", json.GetProperty("model_name").GetString());
                    Assert.Equal(version, json.GetProperty("model_version").GetString());
                    Assert.Equal("order-" + i.ToString(CultureInfo.InvariantCulture), json.GetProperty("id").GetString());
                    Assert.Equal(predictionId, json.GetProperty("parameters").GetProperty("slipway_prediction_id").GetString());
                    Assert.Equal(route, json.GetProperty("parameters").GetProperty("slipway_route").GetString());
                }
                else
                {
                    Assert.Equal(1, json.GetProperty("predictions").GetArrayLength());
                }
            }
        }

        // 3,000 requests at p = 0.9: the standard deviation of the champion's share is 0.55 %; ±3 % is over 5 of them.
        Assert.InRange(routes["champion"] / 3000.0, 0.87, 0.93);
        Assert.Equal(3000, routes["champion"] + routes["challenger"]);

        // One primary and one shadow record per request, the shadow with the primary's prediction id and never returned.
        var log = server.Services.GetRequiredService<PredictionLog>();
        await ServingKit.EventuallyAsync(async () =>
        {
            await log.FlushAsync(CancellationToken.None);
            await using var scope = server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            return await db.PredictionRecords.CountAsync(r => r.Deployment == "income" && r.Role == "shadow") >= 3000;
        }, "3,000 shadow records");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var records = await db.PredictionRecords.AsNoTracking().Where(r => r.Deployment == "income").ToListAsync();
            Assert.Equal(3000, records.Count(r => r.Role == "primary"));
            Assert.Equal(3000, records.Count(r => r.Role == "shadow"));
            Assert.All(records.Where(r => r.Role == "shadow"), r => Assert.Equal(shadowVersion, r.Version));
            Assert.True(records.Where(r => r.Role == "shadow").Select(r => r.PredictionId).ToHashSet().SetEquals(predictionIds));
            var sample = JsonDocument.Parse(records.First(r => r.Role == "primary").Record).RootElement;
            Assert.Equal("slipway.prediction.v1", sample.GetProperty("schema").GetString());
            Assert.Equal(1, sample.GetProperty("rows").GetInt32());
            Assert.Equal(JsonValueKind.Object, sample.GetProperty("inputs").ValueKind);
        }

        // The ML.NET and the ONNX versions answer the same rows alike (direct version calls bypass the weights).
        var probe = ServingKit.Rows(200, skip: 1000);
        var fromMlnet = await ProbabilitiesAsync(server, mlnet, probe);
        var fromOnnx = await ProbabilitiesAsync(server, onnx, probe);
        Assert.Equal(200, fromMlnet.Count);
        for (var i = 0; i < probe.Count; i++)
        {
            Assert.True(Math.Abs(fromMlnet[i] - fromOnnx[i]) <= 1e-5, $"row {i}: ML.NET {fromMlnet[i]} vs ONNX {fromOnnx[i]}");
        }
    }

    private static async Task<List<double>> ProbabilitiesAsync(SlipwayTestServer server, int version, IReadOnlyList<Slipway.Tests.Models.AdultCensusRow> rows)
    {
        var (response, json) = await ServingKit.PostAsync(server.Client, $"v2/models/income/versions/{version}/infer", ServingKit.OipBody(rows));
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        Assert.Equal(version.ToString(CultureInfo.InvariantCulture), ServingKit.Header(response, "X-Slipway-Model-Version"));
        var probability = json.GetProperty("outputs").EnumerateArray()
            .First(o => o.GetProperty("name").GetString()!.StartsWith("Probability", StringComparison.Ordinal));
        return [.. probability.GetProperty("data").EnumerateArray().Select(e => e.GetDouble())];
    }
}
