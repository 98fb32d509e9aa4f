using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Slipway.Tests;

namespace Slipway.Core.Tests.Operations;

/// <summary>A <c>kill -9</c> in the middle of writes leaves no half state, and the server starts cleanly after it.</summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task A_kill_during_log_batches_leaves_each_batch_whole_or_absent()
    {
        var dataDir = Directory.CreateTempSubdirectory("slipway-crash-").FullName;
        string runId;
        var server = await ServerProcess.StartAsync(dataDir, new Dictionary<string, string?>());
        await using (server)
        {
            using var client = server.CreateClient(server.ReadAdminToken());
            var api = new MlflowApi(client);
            runId = await api.CreateRunAsync();

            using var stop = new CancellationTokenSource();
            var acknowledged = 0;
            var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
            {
                for (var batch = 0; !stop.IsCancellationRequested; batch++)
                {
                    var key = $"w{writer}b{batch}";
                    var body = new { run_id = runId, metrics = Enumerable.Range(0, 1000).Select(i => new { key, value = (double)i, timestamp = i, step = i }) };
                    try
                    {
                        using var response = await client.PostAsJsonAsync("api/2.0/mlflow/runs/log-batch", body, stop.Token);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref acknowledged);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException)
                    {
                        return;
                    }
                }
            })).ToArray();

            while (Volatile.Read(ref acknowledged) < 20)
            {
                await Task.Delay(10);
            }

            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var restarted = await ServerProcess.StartAsync(dataDir, new Dictionary<string, string?>());
        using var check = restarted.CreateClient(restarted.ReadAdminToken());
        Assert.Equal(HttpStatusCode.OK, (await check.GetAsync($"api/2.0/mlflow/runs/get?run_id={runId}")).StatusCode);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "slipway.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, COUNT(*) FROM metrics WHERE run_id = @run GROUP BY key";
        command.Parameters.AddWithValue("@run", runId);
        var counts = new Dictionary<string, long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        Assert.True(counts.Count >= 20, $"only {counts.Count} batches were stored");
        Assert.All(counts, c => Assert.Equal(1000, c.Value));
        await restarted.KillAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task A_kill_during_an_artifact_upload_leaves_no_partial_file()
    {
        var dataDir = Directory.CreateTempSubdirectory("slipway-crash-").FullName;
        var server = await ServerProcess.StartAsync(dataDir, new Dictionary<string, string?>());
        await using (server)
        {
            using var client = server.CreateClient(server.ReadAdminToken());
            var content = new SlowContent(totalBytes: 64L * 1024 * 1024);
            var upload = client.PutAsync("api/2.0/mlflow-artifacts/artifacts/0/crash/big.bin", content);
            await content.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await server.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => upload);
        }

        await using var restarted = await ServerProcess.StartAsync(dataDir, new Dictionary<string, string?>());
        using var check = restarted.CreateClient(restarted.ReadAdminToken());
        using var download = await check.GetAsync("api/2.0/mlflow-artifacts/artifacts/0/crash/big.bin");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        var listing = await check.GetStringAsync("api/2.0/mlflow-artifacts/artifacts?path=0/crash");
        Assert.DoesNotContain("big.bin", listing, StringComparison.Ordinal);
        var root = await check.GetStringAsync("api/2.0/mlflow-artifacts/artifacts?path=0");
        Assert.DoesNotContain("staging", root, StringComparison.OrdinalIgnoreCase);

        // On disk, the cut-off bytes may only exist under the staging folder, never at or beside the target path.
        var artifactRoot = Path.Combine(dataDir, "artifacts");
        var visible = Directory.Exists(artifactRoot)
            ? Directory.EnumerateFiles(artifactRoot, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(artifactRoot, f).StartsWith(".staging", StringComparison.Ordinal))
                .ToList()
            : [];
        Assert.Empty(visible);
        await restarted.KillAsync();
        Directory.Delete(dataDir, recursive: true);
    }

    /// <summary>A request body that streams zeros and says when half of it has gone out.</summary>
    private sealed class SlowContent(long totalBytes) : HttpContent
    {
        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[64 * 1024];
            for (long sent = 0; sent < totalBytes; sent += buffer.Length)
            {
                await stream.WriteAsync(buffer);
                if (sent >= totalBytes / 2)
                {
                    HalfSent.TrySetResult();
                    await Task.Delay(5);
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = totalBytes;
            return true;
        }
    }
}
