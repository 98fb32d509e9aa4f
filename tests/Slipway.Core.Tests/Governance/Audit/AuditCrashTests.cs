using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Audit;

/// <summary>governance.md §8.7 items 1 and 6: after a <c>kill -9</c> mid-burst, every acknowledged write is there with its audit event, and the chain verifies.</summary>
public sealed class AuditCrashTests
{
    private const int Writers = 8;
    private const int KillAfter = 60;

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_kill_during_a_burst_of_audited_writes_loses_no_acknowledged_write_or_event(Provider provider)
    {
        var dataDir = Directory.CreateTempSubdirectory("slipway-audit-crash-").FullName;
        string? database = null;
        var settings = new Dictionary<string, string?>();
        if (provider == Provider.Postgres)
        {
            database = await TestPostgres.CreateDatabaseAsync();
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = TestPostgres.ConnectionStringFor(database);
        }

        try
        {
            var acknowledged = new ConcurrentBag<(string Action, string Key)>();
            string token;
            var server = await ServerProcess.StartAsync(dataDir, settings);
            await using (server)
            {
                token = server.ReadAdminToken();
                var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
                {
                    using var client = server.CreateClient(token);
                    var api = new MlflowApi(client);
                    try
                    {
                        for (var i = 0; ; i++)
                        {
                            var name = $"w{writer}-e{i}";
                            if ((await api.PostAsync("experiments/create", new { name })).Status == HttpStatusCode.OK)
                            {
                                acknowledged.Add(("experiment.create", name));
                            }

                            var (status, body) = await api.PostAsync("runs/create", new { experiment_id = "0", start_time = 1000 });
                            if (status != HttpStatusCode.OK)
                            {
                                continue;
                            }

                            var runId = body.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
                            acknowledged.Add(("run.create", runId));
                            if ((await api.PostAsync("runs/set-tag", new { run_id = runId, key = "writer", value = "w" })).Status == HttpStatusCode.OK)
                            {
                                acknowledged.Add(("run.tag.set", runId));
                            }

                            if (acknowledged.Count >= KillAfter)
                            {
                                enough.TrySetResult();
                            }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                    {
                        // The server is gone: what was acknowledged so far is what must survive.
                    }
                })).ToList();

                await enough.Task.WaitAsync(TimeSpan.FromSeconds(120));
                await server.KillAsync();
                await Task.WhenAll(writers);
            }

            await using var restarted = await ServerProcess.StartAsync(dataDir, settings);
            using var admin = restarted.CreateClient(token);
            var verification = await AuditTestSupport.VerifyAsync(admin);
            Assert.True(verification.GetProperty("ok").GetBoolean(), verification.GetRawText());

            var events = new List<JsonElement>();
            for (long? after = 0; after is { } cursor;)
            {
                var page = await admin.GetFromJsonAsync<JsonElement>($"api/v1/audit/events?limit=1000&after_seq={cursor}");
                events.AddRange(page.GetProperty("events").EnumerateArray());
                after = page.TryGetProperty("next_after_seq", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;
            }

            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("seq").GetInt64()));
            var recorded = events.Select(e => (Action: e.GetProperty("action").GetString()!, Key: KeyOf(e))).ToHashSet();

            var api = new MlflowApi(admin);
            Assert.True(acknowledged.Count >= KillAfter);
            foreach (var (action, key) in acknowledged)
            {
                Assert.Contains((action, key), recorded);
                switch (action)
                {
                    case "experiment.create":
                        await api.GetOkAsync($"experiments/get-by-name?experiment_name={key}");
                        break;
                    case "run.create":
                        await api.GetOkAsync($"runs/get?run_id={key}");
                        break;
                    default:
                        var run = await api.GetOkAsync($"runs/get?run_id={key}");
                        Assert.Contains(run.GetProperty("run").GetProperty("data").GetProperty("tags").EnumerateArray(), t => t.GetProperty("key").GetString() == "writer");
                        break;
                }
            }
        }
        finally
        {
            if (database is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await TestPostgres.DropDatabaseAsync(database);
            }

            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
                // A file the killed process held; the OS temp cleaner takes it.
            }
        }
    }

    /// <summary>Experiments are acknowledged by name, runs by id.</summary>
    private static string? KeyOf(JsonElement e)
    {
        if (!e.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var field = resource.TryGetProperty("type", out var type) && type.GetString() == "experiment" ? "name" : "id";
        return resource.TryGetProperty(field, out var value) ? value.GetString() : null;
    }
}
