using System.Net;
using System.Net.Http.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Operations;

/// <summary>Two server processes on one PostgreSQL database and one bucket behave as one server.</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task Two_replicas_share_runs_and_artifacts_and_concurrent_batches_lose_nothing()
    {
        if (!TestEnvironment.HasPostgres || !TestEnvironment.HasS3)
        {
            return;
        }

        var database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = TestPostgres.ConnectionStringFor(database),
        };
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
            Assert.False(File.Exists(Path.Combine(dirB, "initial-admin-token")));
            using var clientA = a.CreateClient(token);
            using var clientB = b.CreateClient(token);
            var apiA = new MlflowApi(clientA);
            var apiB = new MlflowApi(clientB);

            var runId = await apiA.CreateRunAsync();
            await apiB.OkAsync("runs/log-parameter", new { run_id = runId, key = "via", value = "b" });
            var run = await apiA.GetOkAsync($"runs/get?run_id={runId}");
            Assert.Equal("b", run.GetProperty("run").GetProperty("data").GetProperty("params")[0].GetProperty("value").GetString());

            var batches = Enumerable.Range(0, 20).Select(i => (Client: i % 2 == 0 ? clientA : clientB, Index: i));
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            {
                var body = new
                {
                    run_id = runId,
                    metrics = Enumerable.Range(0, 1000).Select(i => new { key = "loss", value = (double)i, timestamp = (batch.Index * 1000) + i, step = (batch.Index * 1000) + i }),
                    tags = new[] { new { key = $"batch{batch.Index}", value = "done" } },
                };
                using var response = await batch.Client.PostAsJsonAsync("api/2.0/mlflow/runs/log-batch", body, ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            });

            var history = await apiB.GetOkAsync($"metrics/get-history?run_id={runId}&metric_key=loss");
            Assert.Equal(20_000, history.GetProperty("metrics").GetArrayLength());
            var latest = (await apiA.GetOkAsync($"runs/get?run_id={runId}")).GetProperty("run").GetProperty("data");
            Assert.Equal(19_999, latest.GetProperty("metrics")[0].GetProperty("step").GetInt64());
            Assert.Equal(21, latest.GetProperty("tags").EnumerateArray().Count(t => t.GetProperty("key").GetString()!.StartsWith("batch", StringComparison.Ordinal) || t.GetProperty("key").GetString() == "mlflow.runName"));

            using (var upload = await clientA.PutAsync($"api/2.0/mlflow-artifacts/artifacts/0/{runId}/artifacts/model.txt", new StringContent("shared bytes")))
            {
                Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            }

            Assert.Equal("shared bytes", await clientB.GetStringAsync($"api/2.0/mlflow-artifacts/artifacts/0/{runId}/artifacts/model.txt"));
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
