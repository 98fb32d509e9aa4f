using System.Diagnostics;
using Slipway.Core.Serving.Runtime;

namespace Slipway.Serving.Bench;

/// <summary>
/// The ceiling the HTTP figures are compared to: the same model called in-process through Slipway's runtimes (for ONNX,
/// one shared <c>InferenceSession</c> on the global thread pools, OrtValue API), with no HTTP, JSON, validation or
/// batching in between. Each cell runs a fixed duration with N dedicated threads calling <see cref="ILoadedModel.Run"/>
/// back to back on pre-built batches, and records every call's latency.
/// </summary>
internal static class InProcessBaseline
{
    public static (ILoadedModel Model, ColdStart ColdStart) Load(IModelRuntime runtime, ModelPackage package)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var residentBefore = ProcessMemory.ResidentBytes();
        var start = Stopwatch.GetTimestamp();
        var model = runtime.Load(package, CancellationToken.None);
        var loaded = Stopwatch.GetTimestamp();
        foreach (var rows in ServingBenchOptions.BatchSizes)
        {
            // As the host warms a version (serving spec §5): three runs at batch 1 and at max_batch_size.
            var batch = WarmupInputs.Create(model.Schema, rows, null);
            for (var i = 0; i < 3; i++)
            {
                model.Run(batch, CancellationToken.None);
            }
        }

        var warmed = Stopwatch.GetTimestamp();
        var coldStart = new ColdStart(
            runtime.Flavor,
            Stopwatch.GetElapsedTime(start, loaded).TotalMilliseconds,
            Stopwatch.GetElapsedTime(loaded, warmed).TotalMilliseconds,
            ProcessMemory.ResidentBytes() - residentBefore);
        return (model, coldStart);
    }

    public static ServingFigure Measure(string engine, ILoadedModel model, IReadOnlyList<InferenceBatch> batches, int threads, TimeSpan warmup, TimeSpan duration)
    {
        RunFor(model, batches, threads, warmup);
        var (calls, elapsed, latencies) = RunFor(model, batches, threads, duration);
        Array.Sort(latencies);
        return new ServingFigure(
            "in-process", engine, batches[0].Rows, threads,
            calls / elapsed.TotalSeconds,
            Latencies.PercentileMilliseconds(latencies, 50),
            Latencies.PercentileMilliseconds(latencies, 99));
    }

    private static (long Calls, TimeSpan Elapsed, long[] Latencies) RunFor(ILoadedModel model, IReadOnlyList<InferenceBatch> batches, int threads, TimeSpan duration)
    {
        var perThread = new List<long>[threads];
        Exception? failure = null;
        using var ready = new Barrier(threads + 1);
        var workers = new Thread[threads];
        var stopAt = 0L;
        for (var t = 0; t < threads; t++)
        {
            var index = t;
            perThread[index] = new List<long>(capacity: 1 << 16);
            workers[t] = new Thread(() =>
            {
                var latencies = perThread[index];
                var next = index;
                ready.SignalAndWait();
                try
                {
                    var stop = Volatile.Read(ref stopAt);
                    long now;
                    do
                    {
                        var before = Stopwatch.GetTimestamp();
                        model.Run(batches[next++ % batches.Count], CancellationToken.None);
                        now = Stopwatch.GetTimestamp();
                        latencies.Add(now - before);
                    }
                    while (now < stop);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }) { IsBackground = true, Name = $"bench-caller-{index}" };
            workers[t].Start();
        }

        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, start + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        ready.SignalAndWait();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        if (failure is not null)
        {
            throw new InvalidOperationException("A call failed during the benchmark.", failure);
        }

        var all = perThread.SelectMany(l => l).ToArray();
        return (all.Length, elapsed, all);
    }
}
