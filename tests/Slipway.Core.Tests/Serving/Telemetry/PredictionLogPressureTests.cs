using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Slipway.Core.Serving.Telemetry;
using Slipway.Tests;

namespace Slipway.Core.Tests.Serving.Telemetry;

/// <summary>Serving spec §7.2: "when full, payloads are dropped before metadata and counted; inference never waits on logging".</summary>
public sealed class PredictionLogPressureTests
{
    [Fact]
    public void Above_half_capacity_payloads_go_first_and_at_capacity_whole_records()
    {
        var metrics = new ServingMetrics();
        var log = new PredictionLog(metrics, Options.Create(new PredictionLogOptions { Capacity = 10 }));

        var results = Enumerable.Range(0, 15).Select(i => log.Write(PredictionEntries.Create($"p-{i}"))).ToList();

        Assert.Equal(Enumerable.Repeat(true, 10).Concat(Enumerable.Repeat(false, 5)), results);
        Assert.Equal(10, log.Queued);
        // Queued 0..5 keep payloads (at most half full when written); the next four lose them.
        Assert.Equal(4, metrics.PredictionLogDropped.WithLabels("payload").Value);
        Assert.Equal(5, metrics.PredictionLogDropped.WithLabels("record").Value);
    }

    [Fact]
    public void Entries_without_payloads_or_outside_the_sample_are_not_counted_as_payload_drops()
    {
        var metrics = new ServingMetrics();
        var log = new PredictionLog(metrics, Options.Create(new PredictionLogOptions { Capacity = 4 }));

        for (var i = 0; i < 4; i++)
        {
            Assert.True(log.Write(PredictionEntries.Create($"p-{i}", samplePercent: 0)));
        }

        Assert.False(log.Write(null!));
        Assert.Equal(0, metrics.PredictionLogDropped.WithLabels("payload").Value);
    }

    [Fact]
    public async Task A_full_log_counts_its_drops_in_metrics_and_never_blocks_the_writer_of_entries()
    {
        // No writer: the queue only fills, as when the database is slower than the traffic.
        await using var server = await SlipwayTestServer.StartAsync(
            settings: new Dictionary<string, string?> { ["Serving:PredictionLog:Capacity"] = "100" },
            configure: b => b.Services.Remove(b.Services.Single(d => d.ImplementationType == typeof(PredictionLogWriter))));
        var log = server.Services.GetRequiredService<PredictionLog>();

        var written = Enumerable.Range(0, 250).Count(i => log.Write(PredictionEntries.Create($"p-{i}")));

        Assert.Equal(100, written);
        using var response = await server.Client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("slipway_prediction_log_dropped_total{kind=\"payload\"} 49", text, StringComparison.Ordinal);
        Assert.Contains("slipway_prediction_log_dropped_total{kind=\"record\"} 150", text, StringComparison.Ordinal);
    }
}
