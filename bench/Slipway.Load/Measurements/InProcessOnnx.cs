using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;

namespace Slipway.Load.Measurements;

/// <summary>Calls of one batch size from a number of threads over a fixed time: the in-process serving ceiling.</summary>
internal sealed record CallRate(int Threads, int Rows, long Calls, TimeSpan Duration, double P50Milliseconds, double P99Milliseconds)
{
    public double CallsPerSecond => Calls / Duration.TotalSeconds;

    public double RowsPerSecond => CallsPerSecond * Rows;
}

/// <summary>
/// The serving baseline: the same ONNX graph Slipway serves, called in this process through one shared
/// <see cref="InferenceSession"/> with the <see cref="OrtValue"/> API, its inputs built once per thread and each thread
/// with its own <see cref="RunOptions"/>. One intra-op thread per call, sequential execution and full graph
/// optimization: the profile serving spec §4.5 gives small models, where the threads calling are the parallelism.
/// Nothing of Slipway's runs here, so the ratio to it is the whole cost of serving over HTTP.
/// </summary>
internal sealed class InProcessOnnx : IDisposable
{
    public const string Name = "in-process ONNX Runtime";

    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly string[] inputNames;
    private readonly string[] outputNames;

    public InProcessOnnx(string onnxPath)
    {
        options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        session = new InferenceSession(onnxPath, options);
        inputNames = [.. session.InputNames];
        outputNames = [.. session.OutputNames];
    }

    /// <summary>
    /// Runs <paramref name="threads"/> threads calling the session with <paramref name="inputs"/> back to back: untimed
    /// for <paramref name="warmup"/>, then counted for <paramref name="duration"/>, each call's latency recorded.
    /// </summary>
    public CallRate Measure(ServingInputs inputs, int threads, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<long>[threads];
        var failures = new ConcurrentQueue<Exception>();
        using var ready = new CountdownEvent(threads);
        using var go = new ManualResetEventSlim();
        long countFrom = 0;
        long stopAt = 0;

        void Work(int index)
        {
            var samples = latencies[index] = new List<long>(1 << 16);
            OrtValue[]? values = null;
            var signalled = false;
            try
            {
                values = inputs.OrtInputs(inputNames);
                using var runOptions = new RunOptions();
                ready.Signal();
                signalled = true;
                go.Wait(cancellationToken);
                float sink = 0;
                while (!cancellationToken.IsCancellationRequested)
                {
                    var start = Stopwatch.GetTimestamp();
                    if (start >= stopAt)
                    {
                        break;
                    }

                    using (var results = session.Run(runOptions, inputNames, values, outputNames))
                    {
                        // Read an output, as a caller would, so nothing of the run can be skipped.
                        sink += results[^1].GetTensorDataAsSpan<float>()[0];
                    }

                    var end = Stopwatch.GetTimestamp();
                    if (start >= countFrom)
                    {
                        samples.Add(end - start);
                    }
                }

                GC.KeepAlive(sink);
            }
            catch (OperationCanceledException)
            {
                // The run was cancelled; the caller throws.
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
                if (!signalled)
                {
                    ready.Signal();
                }
            }
            finally
            {
                foreach (var value in values ?? [])
                {
                    value.Dispose();
                }
            }
        }

        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() => Work(i)) { IsBackground = true, Name = $"ort-bench-{i}" }).ToList();
        workers.ForEach(w => w.Start());
        ready.Wait(cancellationToken);
        var now = Stopwatch.GetTimestamp();
        countFrom = now + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        stopAt = countFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        go.Set();
        workers.ForEach(w => w.Join());
        cancellationToken.ThrowIfCancellationRequested();
        if (!failures.IsEmpty)
        {
            throw new AggregateException("The in-process ONNX Runtime baseline failed.", failures);
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        if (all.Length == 0)
        {
            throw new InvalidOperationException("The in-process ONNX Runtime baseline made no call in the measured time.");
        }

        return new CallRate(threads, inputs.Rows, all.LongLength, duration, Milliseconds(Percentile(all, 50)), Milliseconds(Percentile(all, 99)));
    }

    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static long Percentile(long[] sorted, double percent)
    {
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
