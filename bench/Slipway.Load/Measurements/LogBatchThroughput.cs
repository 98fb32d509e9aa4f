using System.Diagnostics;
using Slipway.Load.Hosting;

namespace Slipway.Load.Measurements;

/// <summary>
/// Metric points per second through <c>runs/log-batch</c>: each client posts 1,000-point batches to its own run,
/// one request at a time, until the time is up or it has sent every prepared batch.
/// </summary>
internal static class LogBatchThroughput
{
    public static async Task<Throughput> MeasureAsync(
        SlipwayApi api,
        ServerProcess server,
        MetricBatches batches,
        IReadOnlyList<string> runIds,
        TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var serverCpu = server.CpuTime();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var sent = await Task.WhenAll(runIds.Select(runId => Task.Run(() => ClientAsync(api, batches, runId, clock, duration, cancellationToken), cancellationToken)));
        var elapsed = clock.Elapsed;
        return new Throughput(
            sent.Sum(s => (long)s) * MetricBatches.PointsPerBatch,
            elapsed,
            server.CpuTime() - serverCpu,
            Process.GetCurrentProcess().TotalProcessorTime - clientCpu);
    }

    private static async Task<int> ClientAsync(SlipwayApi api, MetricBatches batches, string runId, Stopwatch clock, TimeSpan duration, CancellationToken cancellationToken)
    {
        var prefix = MetricBatches.RunPrefix(runId);
        var buffer = new byte[batches.LongestBody];
        var sent = 0;
        while (sent < batches.Count && clock.Elapsed < duration)
        {
            var length = batches.Write(prefix, sent, buffer);
            await api.LogBatchAsync(buffer, length, cancellationToken);
            sent++;
        }

        return sent;
    }
}
