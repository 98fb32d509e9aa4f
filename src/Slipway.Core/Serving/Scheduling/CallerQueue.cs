namespace Slipway.Core.Serving.Scheduling;

/// <summary>One caller's FIFO sub-queue within a tier.</summary>
internal sealed class CallerQueue(string key)
{
    public string Key { get; } = key;

    public LinkedList<PendingWork> Items { get; } = new();

    public LinkedListNode<CallerQueue>? RotationNode { get; set; }
}
