using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using ITimer = System.Threading.ITimer;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// The queue and executors of one loaded version (serving spec §4, §6.2–§6.4). An idle executor runs an arrival at
/// once; under load a free executor takes head requests while they merge (same inputs, types, non-batch dims) and
/// fit in <see cref="SchedulerOptions.MaxBatchSize"/> rows, so batches grow with load. Heads are chosen by strict
/// tier priority with aging (each <see cref="SchedulerOptions.AgingMs"/> waited promotes a request one tier; a tier
/// that wins only thanks to aging gives its oldest request), and round-robin over callers within a tier. Engine runs
/// go to the thread pool, at most <see cref="SchedulerOptions.Executors"/> at once.
/// </summary>
/// <remarks>
/// Refusals at submit have no side effects: 503 <c>QUEUE_FULL</c> (a critical or standard arrival may instead push
/// out the newest queued shadow, then sheddable, then, for critical, standard request, which gets 503 <c>SHED</c>),
/// 503 <c>SHED</c> when the projected wait exceeds the tier's <c>max_wait</c>, 504 <c>DEADLINE_EXCEEDED</c> when the
/// deadline is past or beyond the run-time estimate. A queued request whose deadline passes gets 504 without running.
/// <see cref="UpdateOptions"/> applies new options to later decisions (a deployment update keeps the scheduler and
/// its queue). The scheduler never disposes the model: the host does, after <see cref="DrainAsync"/>.
/// </remarks>
public sealed partial class VersionScheduler : IDisposable
{
    private readonly TimeProvider time;
    private readonly ServingMetrics metrics;
    private readonly bool batchable;
    private readonly RunTimeEstimator estimator = new();
    private readonly BatchRunner runner;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly VersionQueue queue;
    private readonly Histogram.Child[] queueDurations;
    private SchedulerOptions options;
    private int running;
    private bool accepting = true;
    private bool disposed;
    private long sequence;
    private TaskCompletionSource? drained;
    private ITimer? delayTimer;
    private long delayDueAt = long.MaxValue;

    public VersionScheduler(
        ILoadedModel model, SchedulerOptions options, TimeProvider time, ServingMetrics metrics, string modelName, string version, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.time = time;
        this.metrics = metrics;
        batchable = model.Schema.Batchable;
        runner = new BatchRunner(model, time, estimator, metrics, modelName, version, logger ?? NullLogger.Instance, stopping.Token);
        queue = new VersionQueue([.. Enum.GetValues<Tier>().Select(tier => metrics.QueueRequests.WithLabels(modelName, version, tier.Name()))]);
        queueDurations = [.. Enum.GetValues<Tier>().Select(tier => metrics.QueueDuration.WithLabels(modelName, version, tier.Name()))];
    }

    public SchedulerOptions Options => Volatile.Read(ref options);

    /// <summary>Rows waiting in the queue (all tiers).</summary>
    public int QueuedRows
    {
        get
        {
            lock (gate)
            {
                return (int)Math.Min(int.MaxValue, queue.Rows);
            }
        }
    }

    /// <summary>Requests waiting in the queue (all tiers).</summary>
    public int QueuedRequests
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>The estimated engine time of one run of <paramref name="rows"/> rows (zero before any run).</summary>
    public TimeSpan EstimatedRunTime(int rows) => TimeSpan.FromSeconds(estimator.Seconds(rows));

    /// <summary>Feeds a run made outside the scheduler (warm-up at batch 1 and max batch size) into the run-time estimate.</summary>
    public void ObserveRun(int rows, TimeSpan elapsed) => estimator.Observe(rows, elapsed);

    /// <summary>
    /// Applies new options to later decisions: queued requests stay queued, running batches finish as formed, a larger
    /// executor count starts executors at once.
    /// </summary>
    public void UpdateOptions(SchedulerOptions newOptions)
    {
        ArgumentNullException.ThrowIfNull(newOptions);
        List<Dispatch>? batches;
        lock (gate)
        {
            Volatile.Write(ref options, newOptions);
            batches = DispatchLocked(time.GetTimestamp(), newOptions);
        }

        Launch(batches, 0);
    }

    /// <summary>
    /// Queues <paramref name="item"/> and completes with its answer. Never throws for overload: refusals are answered
    /// as <see cref="WorkResult.Error"/>. Completes as canceled when the item's token is canceled while it is queued
    /// (it then never runs) or during a run of its own.
    /// </summary>
    public Task<WorkResult> SubmitAsync(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<WorkResult>(item.CancellationToken);
        }

        var current = Options;
        var now = time.GetTimestamp();
        PendingWork pending;
        PendingWork? victim = null;
        ServingError? victimError = null;
        List<Dispatch>? batches;
        bool queued;
        lock (gate)
        {
            if (!accepting)
            {
                return Refuse(item, NotReady(), "not_ready");
            }

            if (DeadlineUnreachable(item.DeadlineTimestamp, item.Input.Rows, now))
            {
                return Refuse(item, DeadlineExceeded(), "deadline");
            }

            if (queue.Count >= Math.Max(1, current.MaxQueue))
            {
                victim = queue.FindVictim(item);
                if (victim is null)
                {
                    return Refuse(item, new ServingError(503, ServingErrorCodes.QueueFull,
                        $"The queue of this model version is full ({current.MaxQueue} requests); retry later.") { RetryAfterSeconds = RetryAfter(current) }, "queue_full");
                }
            }

            if (current.MaxWait(item.Tier) is { } maxWait && ProjectedWait(item.Tier, current) > maxWait)
            {
                return Refuse(item, Shed(current, $"The projected wait exceeds the '{item.Tier.Name()}' tier's limit of {maxWait.TotalMilliseconds:0} ms."), "shed");
            }

            if (victim is not null)
            {
                queue.Remove(victim, served: false);
                victimError = Shed(current, "Pushed out of a full queue by a higher-priority request.");
            }

            pending = new PendingWork(item, now, ++sequence);
            queue.Enqueue(pending);
            batches = DispatchLocked(now, current);
            queued = pending.IsQueued;
        }

        if (victim is not null)
        {
            victim.StopWatching();
            Answer(victim, victimError!, "shed");
        }

        if (queued)
        {
            WatchWhileQueued(pending, now);
        }

        Launch(batches, 0);
        return pending.Completion.Task;
    }

    /// <summary>Stops accepting (later submits get 503 <c>MODEL_NOT_READY</c>) and completes once nothing is queued or running.</summary>
    public Task DrainAsync(CancellationToken cancellationToken = default)
    {
        List<Dispatch>? batches;
        Task done;
        lock (gate)
        {
            accepting = false;
            if (running == 0 && queue.Count == 0)
            {
                return Task.CompletedTask;
            }

            drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done = drained.Task;

            // A pending queue delay no longer applies: nothing more will join the batch.
            batches = DispatchLocked(time.GetTimestamp(), Options);
        }

        Launch(batches, 0);
        return done.WaitAsync(cancellationToken);
    }

    /// <summary>Stops accepting, answers queued requests 503 <c>MODEL_NOT_READY</c> and cancels running batches.</summary>
    public void Dispose()
    {
        List<PendingWork> queued;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            accepting = false;
            queued = [.. queue.All];
            foreach (var work in queued)
            {
                queue.Remove(work, served: false);
            }

            delayTimer?.Dispose();
            drained?.TrySetResult();
        }

        foreach (var work in queued)
        {
            work.StopWatching();
            Answer(work, NotReady(), "not_ready");
        }

        stopping.Cancel();
        stopping.Dispose();
    }

    internal static ServingError NotReady() =>
        new(503, ServingErrorCodes.ModelNotReady, "This model version is no longer serving; retry.") { RetryAfterSeconds = 1 };

    private static ServingError DeadlineExceeded() =>
        new(504, ServingErrorCodes.DeadlineExceeded, "The request's deadline passed, or cannot be met, before it could run.");

    private ServingError Shed(SchedulerOptions current, string message) =>
        new(503, ServingErrorCodes.Shed, message + " The server is overloaded; retry later.") { RetryAfterSeconds = RetryAfter(current) };

    private bool Merging(SchedulerOptions current) => batchable && current.BatchingEnabled;

    private Task<WorkResult> Refuse(WorkItem item, ServingError error, string reason)
    {
        metrics.Rejections.WithLabels(item.Deployment, item.Tier.Name(), reason).Inc();
        return Task.FromResult(WorkResult.Failed(error));
    }

    private void Answer(PendingWork work, ServingError error, string reason)
    {
        metrics.Rejections.WithLabels(work.Item.Deployment, work.Item.Tier.Name(), reason).Inc();
        work.Completion.TrySetResult(WorkResult.Failed(error, time.GetElapsedTime(work.EnqueuedAt)));
    }

    private bool DeadlineUnreachable(long deadline, int rows, long now) =>
        deadline != long.MaxValue && (now >= deadline || now + Ticks(estimator.Seconds(rows)) > deadline);

    private long Ticks(double seconds) => (long)(seconds * time.TimestampFrequency);

    /// <summary>Queued rows at or above <paramref name="tier"/>, as engine runs shared by the executors.</summary>
    private TimeSpan ProjectedWait(Tier tier, SchedulerOptions current)
    {
        var (rows, requests) = queue.AheadOf(tier);
        return TimeSpan.FromSeconds(QueueSeconds(rows, requests, current));
    }

    private double QueueSeconds(long rows, long requests, SchedulerOptions current)
    {
        if (rows == 0)
        {
            return 0;
        }

        var maxBatch = Math.Max(1, current.MaxBatchSize);
        var runs = Merging(current) ? (rows + maxBatch - 1) / maxBatch : requests;
        return estimator.Seconds(rows, runs) / Math.Max(1, current.Executors);
    }

    /// <summary>Queued rows × per-row estimate / executors, 1–30 s (spec §6.3).</summary>
    private int RetryAfter(SchedulerOptions current)
    {
        var seconds = QueueSeconds(queue.Rows, queue.Count, current);
        return (int)Math.Clamp(Math.Ceiling(seconds), 1, 30);
    }

    private void WatchWhileQueued(PendingWork work, long now)
    {
        ITimer? timer = null;
        if (work.Item.DeadlineTimestamp != long.MaxValue)
        {
            var due = TimeSpan.FromSeconds(Math.Max(0, (work.Item.DeadlineTimestamp - now) / (double)time.TimestampFrequency));
            timer = time.CreateTimer(static state => ((Watch)state!).Scheduler.OnDeadline(((Watch)state!).Work), new Watch(this, work), due, Timeout.InfiniteTimeSpan);
        }

        var registration = work.Item.CancellationToken.CanBeCanceled
            ? work.Item.CancellationToken.UnsafeRegister(static state => ((Watch)state!).Scheduler.OnCancelled(((Watch)state!).Work), new Watch(this, work))
            : default;
        lock (gate)
        {
            if (work.IsQueued)
            {
                work.DeadlineTimer = timer;
                work.Cancellation = registration;
                return;
            }
        }

        timer?.Dispose();
        registration.Unregister();
    }

    private void OnDeadline(PendingWork work)
    {
        if (TakeOut(work))
        {
            Answer(work, DeadlineExceeded(), "deadline");
        }
    }

    private void OnCancelled(PendingWork work)
    {
        if (TakeOut(work))
        {
            work.Completion.TrySetCanceled(work.Item.CancellationToken);
        }
    }

    private bool TakeOut(PendingWork work)
    {
        lock (gate)
        {
            if (!work.IsQueued)
            {
                return false;
            }

            queue.Remove(work, served: false);
            CompleteDrainIfIdle();
        }

        work.StopWatching();
        return true;
    }

    private void CompleteDrainIfIdle()
    {
        if (!accepting && running == 0 && queue.Count == 0)
        {
            drained?.TrySetResult();
        }
    }

}
