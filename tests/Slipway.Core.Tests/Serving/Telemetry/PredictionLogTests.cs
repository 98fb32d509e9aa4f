using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Serving.Telemetry;
using Slipway.Tests;

namespace Slipway.Core.Tests.Serving.Telemetry;

public sealed class PredictionLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<List<PredictionRecord>> RecordsAsync(SlipwayTestServer server, string deployment)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        return await db.PredictionRecords.AsNoTracking().Where(r => r.Deployment == deployment).ToListAsync();
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_thousand_entries_from_eight_threads_are_all_stored_with_their_json(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var log = server.Services.GetRequiredService<PredictionLog>();
        var metrics = server.Services.GetRequiredService<ServingMetrics>();

        var accepted = await Task.WhenAll(Enumerable.Range(0, 8).Select(thread => Task.Run(() =>
            Enumerable.Range(0, 125).Count(i => log.Write(PredictionEntries.Create($"p-{thread}-{i}", sequence: thread * 125 + i))))));
        await log.FlushAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(1000, accepted.Sum());
        var records = await RecordsAsync(server, "income");
        Assert.Equal(1000, records.Count);
        Assert.Equal(1000, records.Select(r => r.PredictionId).Distinct().Count());
        Assert.Equal(1000, metrics.PredictionLogRecords.WithLabels("income").Value);
        foreach (var record in records)
        {
            var json = JsonDocument.Parse(record.Record).RootElement;
            var sequence = long.Parse(record.PredictionId.Split('-')[1]) * 125 + long.Parse(record.PredictionId.Split('-')[2]);
            Assert.Equal(record.PredictionId, json.GetProperty("prediction_id").GetString());
            Assert.Equal("slipway.prediction.v1", json.GetProperty("schema").GetString());
            Assert.Equal($"[{sequence},{sequence + 1}]", json.GetProperty("inputs").GetProperty("age").GetRawText());
            Assert.Equal(PredictionRecordJson.Timestamp(PredictionEntries.Start.AddMilliseconds(sequence)), json.GetProperty("ts").GetString());
            Assert.Equal(PredictionEntries.Start.AddMilliseconds(sequence).ToUnixTimeMilliseconds(), record.Timestamp);
            Assert.True(json.GetProperty("payload_sampled").GetBoolean());
            Assert.Equal(("income-model", 7, "champion", "primary", "ok", 200, 2),
                (record.ModelName, record.Version, record.RouteId, record.Role, record.Status, record.HttpStatus, record.Rows));
        }
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task At_zero_percent_metadata_is_kept_without_payloads_and_a_shadow_agrees_with_its_primary(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var log = server.Services.GetRequiredService<PredictionLog>();
        var ids = Enumerable.Range(0, 50).Select(i => Guid.CreateVersion7().ToString()).ToList();
        foreach (var id in ids)
        {
            Assert.True(log.Write(PredictionEntries.Create(id, deployment: "none", samplePercent: 0)));
            Assert.True(log.Write(PredictionEntries.Create(id, deployment: "half", samplePercent: 50)));
            Assert.True(log.Write(PredictionEntries.Create(id, deployment: "half", role: "shadow", route: "shadow-v10", samplePercent: 50)));
        }

        await log.FlushAsync(CancellationToken.None).WaitAsync(Patience);

        var none = await RecordsAsync(server, "none");
        Assert.Equal(50, none.Count);
        Assert.All(none.Select(r => JsonDocument.Parse(r.Record).RootElement), json =>
        {
            Assert.False(json.GetProperty("payload_sampled").GetBoolean());
            Assert.Equal(JsonValueKind.Null, json.GetProperty("inputs").ValueKind);
            Assert.Equal(JsonValueKind.Null, json.GetProperty("outputs").ValueKind);
            Assert.Equal(JsonValueKind.Null, json.GetProperty("params").ValueKind);
            Assert.Equal("income-model", json.GetProperty("model").GetProperty("name").GetString());
            Assert.Equal(0.0031, json.GetProperty("timing_s").GetProperty("total").GetDouble());
        });

        var half = (await RecordsAsync(server, "half")).GroupBy(r => r.PredictionId).ToList();
        Assert.Equal(50, half.Count);
        var kept = 0;
        foreach (var pair in half)
        {
            var decisions = pair.Select(r => JsonDocument.Parse(r.Record).RootElement)
                .Select(json => (Sampled: json.GetProperty("payload_sampled").GetBoolean(), HasInputs: json.GetProperty("inputs").ValueKind == JsonValueKind.Object))
                .ToList();
            Assert.Equal(2, decisions.Count);
            Assert.Equal(decisions[0], decisions[1]);
            Assert.Equal(decisions[0].Sampled, decisions[0].HasInputs);
            kept += decisions[0].Sampled ? 1 : 0;
        }

        // 50 ids at 50 %: both outcomes occur (the chance of either being absent is 2 in 10^15).
        Assert.InRange(kept, 1, 49);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_writer_survives_a_database_failure_and_keeps_storing_afterwards(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var log = server.Services.GetRequiredService<PredictionLog>();
        var metrics = server.Services.GetRequiredService<ServingMetrics>();

        await ExecuteAsync(server, "ALTER TABLE prediction_records RENAME TO prediction_records_away");
        for (var i = 0; i < 20; i++)
        {
            Assert.True(log.Write(PredictionEntries.Create($"lost-{i}")));
        }

        await log.FlushAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(20, metrics.PredictionLogDropped.WithLabels("error").Value);
        Assert.Contains(server.Logs, line => line.Contains("Dropped 20 prediction records after two failed writes", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs, line => line.Contains("40.5", StringComparison.Ordinal) || line.Contains("threshold", StringComparison.Ordinal));

        await ExecuteAsync(server, "ALTER TABLE prediction_records_away RENAME TO prediction_records");
        for (var i = 0; i < 20; i++)
        {
            Assert.True(log.Write(PredictionEntries.Create($"kept-{i}")));
        }

        await log.FlushAsync(CancellationToken.None).WaitAsync(Patience);
        var records = await RecordsAsync(server, "income");
        Assert.Equal(20, records.Count);
        Assert.All(records, r => Assert.StartsWith("kept-", r.PredictionId, StringComparison.Ordinal));
        using var health = await server.Client.GetAsync("health/ready");
        Assert.True(health.IsSuccessStatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Stopping_the_server_stores_what_is_queued(Provider provider)
    {
        var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            // A window long enough that nothing is written before the stop unless the stop drains the queue.
            ["Serving:PredictionLog:BatchWindow"] = "00:00:50",
            ["Serving:PredictionLog:BatchSize"] = "10000",
        });
        await using (server)
        {
            var log = server.Services.GetRequiredService<PredictionLog>();
            for (var i = 0; i < 100; i++)
            {
                Assert.True(log.Write(PredictionEntries.Create($"p-{i}")));
            }

            var lifetime = server.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PredictionLogWriter>().Single();
            await lifetime.StopAsync(CancellationToken.None).WaitAsync(Patience);

            Assert.Equal(100, (await RecordsAsync(server, "income")).Count);
            Assert.False(log.Write(PredictionEntries.Create("after-stop")));
            await log.FlushAsync(CancellationToken.None).WaitAsync(Patience);
        }
    }

    private static async Task ExecuteAsync(SlipwayTestServer server, string sql)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
