using System.Text.Json;
using Slipway.Tests;
using static Slipway.Core.Tests.Registry.Webhooks.WebhookTestSupport;

namespace Slipway.Core.Tests.Registry.Webhooks;

/// <summary>Two server processes on one PostgreSQL database: each delivery is claimed, and sent, by exactly one of them.</summary>
public sealed class WebhookScaleOutTests
{
    [Fact]
    public async Task With_two_replicas_each_event_is_delivered_exactly_once()
    {
        if (!TestEnvironment.HasPostgres)
        {
            return;
        }

        await using var receiver = await WebhookReceiver.StartAsync();
        var database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>(LoopbackSettings)
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = TestPostgres.ConnectionStringFor(database),
        };
        // Replicas share one artifact store, as in production: a version created through B copies files logged through A.
        foreach (var (key, value) in await TestS3.CreateBucketSettingsAsync())
        {
            settings[key] = value;
        }

        var dirA = Directory.CreateTempSubdirectory("slipway-replica-a-").FullName;
        var dirB = Directory.CreateTempSubdirectory("slipway-replica-b-").FullName;
        try
        {
            await using var a = await ServerProcess.StartAsync(dirA, settings);
            await using var b = await ServerProcess.StartAsync(dirB, settings);
            var token = a.ReadAdminToken();
            using var clientA = a.CreateClient(token);
            using var clientB = b.CreateClient(token);
            var apiA = new MlflowApi(clientA);
            var apiB = new MlflowApi(clientB);
            // Created through A, so its secret is encrypted with A's key; B must decrypt it through the shared key ring.
            var webhookId = await CreateMlflowWebhookAsync(apiA, receiver.Url, "shared-secret", ("MODEL_VERSION", "CREATED"));

            await apiA.OkAsync("registered-models/create", new { name = "scaled" });
            var runId = await CreateRunWithModelAsync(apiA);
            const int versions = 20;
            await Parallel.ForEachAsync(Enumerable.Range(0, versions), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
                await (i % 2 == 0 ? apiA : apiB).OkAsync("model-versions/create", new { name = "scaled", source = $"runs:/{runId}/model" }));

            var log = await WaitForDeliveriesAsync(clientB, webhookId, d => d.Length == versions && d.All(x => x.GetProperty("status").GetString() == "SUCCEEDED"));
            Assert.All(log, d => Assert.Equal(1, d.GetProperty("attempts").GetInt32()));
            var received = receiver.Requests.ToList();
            Assert.Equal(versions, received.Count);
            Assert.Equal(versions, received.Select(r => r.Header("X-MLflow-Delivery-Id")).Distinct().Count());
            Assert.Equal(
                Enumerable.Range(1, versions).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
                received.Select(r => r.Json.GetProperty("data").GetProperty("version").GetString()!).Order());
            Assert.All(received, r => WebhookReceiver.AssertSigned(r, "shared-secret"u8.ToArray(), "shared-secret"u8.ToArray()));
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await TestPostgres.DropDatabaseAsync(database);
            Directory.Delete(dirA, recursive: true);
            Directory.Delete(dirB, recursive: true);
        }
    }
}
