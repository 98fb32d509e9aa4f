namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// A submitted <see cref="WorkItem"/> inside a <see cref="VersionScheduler"/>: where it sits in its tier's queue (null
/// once taken out), when it arrived, its arrival sequence (newest = largest) and the completion its caller awaits.
/// Queue membership is guarded by the scheduler's lock.
/// </summary>
internal sealed class PendingWork(WorkItem item, long enqueuedAt, long sequence)
{
    public WorkItem Item { get; } = item;

    public int Rows => Item.Input.Rows;

    public long EnqueuedAt { get; } = enqueuedAt;

    public long Sequence { get; } = sequence;

    public TaskCompletionSource<WorkResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LinkedListNode<PendingWork>? Node { get; set; }

    public CallerQueue? Owner { get; set; }

    public bool IsQueued => Node is not null;

    /// <summary>Answers 504 if the deadline passes while queued.</summary>
    public System.Threading.ITimer? DeadlineTimer { get; set; }

    /// <summary>Removes the request from the queue when its caller cancels.</summary>
    public CancellationTokenRegistration Cancellation { get; set; }

    public TimeSpan QueueTime { get; set; }

    /// <summary>Stops the deadline timer and the cancellation callback once the request left the queue. Never blocks.</summary>
    public void StopWatching()
    {
        DeadlineTimer?.Dispose();
        Cancellation.Unregister();
    }
}
