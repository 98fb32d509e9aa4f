using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using ITimer = System.Threading.ITimer;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>The scheduler's dispatch: forming batches for free executors, the optional queue delay, and launching runs.</summary>
public sealed partial class VersionScheduler
{
    /// <summary>Forms batches for the free executors; the caller launches them outside the lock.</summary>
    private List<Dispatch>? DispatchLocked(long now, SchedulerOptions current)
    {
        if (disposed)
        {
            return null;
        }

        List<Dispatch>? batches = null;
        while (running < Math.Max(1, current.Executors) && queue.Count > 0)
        {
            if (accepting && ShouldDelay(now, current))
            {
                break;
            }

            if (FormBatch(now, current) is { } batch)
            {
                running++;
                (batches ??= []).Add(batch);
            }
        }

        // Forming batches may have answered every queued request (deadlines) without running anything.
        CompleteDrainIfIdle();
        return batches;
    }

    private Dispatch? FormBatch(long now, SchedulerOptions current)
    {
        var merging = Merging(current);
        var maxBatch = Math.Max(1, current.MaxBatchSize);
        List<PendingWork>? members = null;
        var rows = 0;
        while (queue.SelectNext(now, current.AgingMs > 0 ? Ticks(current.AgingMs / 1000.0) : 0) is { } next)
        {
            if (members is not null && (!merging || rows + next.Rows > maxBatch || !BatchMerge.CanMerge(members[0].Item.Input, next.Item.Input)))
            {
                break;
            }

            queue.Remove(next, served: true);
            next.StopWatching();
            if (DeadlineUnreachable(next.Item.DeadlineTimestamp, Math.Min(next.Rows, maxBatch), now))
            {
                Answer(next, DeadlineExceeded(), "deadline");
                continue;
            }

            next.QueueTime = time.GetElapsedTime(next.EnqueuedAt, now);
            queueDurations[(int)next.Item.Tier].Observe(next.QueueTime.TotalSeconds);
            (members ??= []).Add(next);
            rows += next.Rows;
            if (!merging || rows >= maxBatch)
            {
                break;
            }
        }

        return members is null ? null : new Dispatch(members, rows, maxBatch, merging);
    }

    /// <summary>With a queue delay, waits for a fuller batch until the oldest request has waited it (or a deadline nears).</summary>
    private bool ShouldDelay(long now, SchedulerOptions current)
    {
        if (current.MaxQueueDelayMs <= 0 || !Merging(current))
        {
            return false;
        }

        var rows = queue.Rows;
        if (rows >= Math.Max(1, current.MaxBatchSize))
        {
            return false;
        }

        var due = long.MaxValue;
        var runTicks = Ticks(estimator.Seconds(rows));
        foreach (var work in queue.All)
        {
            due = Math.Min(due, work.EnqueuedAt + Ticks(current.MaxQueueDelayMs / 1000.0));
            if (work.Item.DeadlineTimestamp != long.MaxValue)
            {
                due = Math.Min(due, work.Item.DeadlineTimestamp - runTicks);
            }
        }

        if (due <= now)
        {
            return false;
        }

        if (delayDueAt <= due && delayDueAt > now)
        {
            return true;
        }

        delayDueAt = due;
        delayTimer ??= time.CreateTimer(static state => ((VersionScheduler)state!).OnDelayElapsed(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        delayTimer.Change(TimeSpan.FromSeconds((due - now) / (double)time.TimestampFrequency), Timeout.InfiniteTimeSpan);
        return true;
    }

    private void OnDelayElapsed()
    {
        List<Dispatch>? batches;
        lock (gate)
        {
            delayDueAt = long.MaxValue;
            batches = DispatchLocked(time.GetTimestamp(), Options);
        }

        Launch(batches, 0);
    }

    private void Launch(List<Dispatch>? batches, int from)
    {
        if (batches is null)
        {
            return;
        }

        for (var i = from; i < batches.Count; i++)
        {
            var batch = batches[i];
            _ = Task.Run(() => RunExecutor(batch));
        }
    }

    /// <summary>One executor: runs its batch, then takes the next one while work is queued.</summary>
    private void RunExecutor(Dispatch first)
    {
        var batch = first;
        while (batch is not null)
        {
            runner.Execute(batch.Members, batch.Rows, batch.MaxBatchSize, batch.Chunking);
            List<Dispatch>? next;
            lock (gate)
            {
                running--;
                next = DispatchLocked(time.GetTimestamp(), Options);
            }

            batch = next?[0];
            Launch(next, 1);
        }
    }

    private sealed record Dispatch(List<PendingWork> Members, int Rows, int MaxBatchSize, bool Chunking);

    private sealed record Watch(VersionScheduler Scheduler, PendingWork Work);
}
