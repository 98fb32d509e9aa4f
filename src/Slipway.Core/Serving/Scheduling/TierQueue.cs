namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// The queued requests of one tier of one version: a FIFO sub-queue per caller, served round-robin (serving spec §6.2,
/// the fairness of Kubernetes API Priority and Fairness), so one busy caller cannot starve the others of its tier.
/// Not thread-safe: the scheduler's lock guards it.
/// </summary>
internal sealed class TierQueue
{
    private readonly Dictionary<string, CallerQueue> byCaller = new(StringComparer.Ordinal);
    private readonly LinkedList<CallerQueue> rotation = new();

    public int Count { get; private set; }

    public long Rows { get; private set; }

    public void Enqueue(PendingWork work)
    {
        if (!byCaller.TryGetValue(work.Item.CallerKey, out var caller))
        {
            caller = new CallerQueue(work.Item.CallerKey);
            byCaller.Add(caller.Key, caller);
            caller.RotationNode = rotation.AddLast(caller);
        }

        work.Node = caller.Items.AddLast(work);
        work.Owner = caller;
        Count++;
        Rows += work.Rows;
    }

    /// <summary>The head of the caller whose turn it is.</summary>
    public PendingWork? NextInTurn => rotation.First?.Value.Items.First?.Value;

    /// <summary>The longest-waiting request (the oldest caller head).</summary>
    public PendingWork? Oldest()
    {
        PendingWork? oldest = null;
        foreach (var caller in rotation)
        {
            var head = caller.Items.First!.Value;
            if (oldest is null || head.Sequence < oldest.Sequence)
            {
                oldest = head;
            }
        }

        return oldest;
    }

    /// <summary>The newest request, or the newest shadow copy when <paramref name="shadowsOnly"/>.</summary>
    public PendingWork? Newest(bool shadowsOnly)
    {
        PendingWork? newest = null;
        foreach (var caller in rotation)
        {
            for (var node = caller.Items.Last; node is not null; node = node.Previous)
            {
                if (shadowsOnly && !node.Value.Item.IsShadow)
                {
                    continue;
                }

                if (newest is null || node.Value.Sequence > newest.Sequence)
                {
                    newest = node.Value;
                }

                break;
            }
        }

        return newest;
    }

    public IEnumerable<PendingWork> All => rotation.SelectMany(caller => caller.Items);

    /// <summary>
    /// Takes <paramref name="work"/> out. When it is served (<paramref name="served"/>) and its caller had the turn, the
    /// turn passes to the next caller.
    /// </summary>
    public void Remove(PendingWork work, bool served)
    {
        var caller = work.Owner!;
        var hadTurn = served && rotation.First == caller.RotationNode;
        caller.Items.Remove(work.Node!);
        work.Node = null;
        work.Owner = null;
        Count--;
        Rows -= work.Rows;
        if (caller.Items.Count == 0)
        {
            rotation.Remove(caller.RotationNode!);
            byCaller.Remove(caller.Key);
        }
        else if (hadTurn)
        {
            rotation.Remove(caller.RotationNode!);
            rotation.AddLast(caller.RotationNode!);
        }
    }
}
