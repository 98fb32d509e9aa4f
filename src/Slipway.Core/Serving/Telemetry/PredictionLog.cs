using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// The queue between the inference pipeline and <see cref="PredictionLogWriter"/> (serving spec §7.2): the request
/// path hands an entry over with <see cref="Write"/>, which never waits and never throws; the writer stores it later,
/// in batches. Under pressure the log sheds in the spec's order: above half of <see cref="PredictionLogOptions.Capacity"/>
/// queued entries lose their payloads (metadata kept, counted as <c>kind="payload"</c>), at capacity whole records are
/// refused (<c>kind="record"</c>).
/// </summary>
public sealed class PredictionLog
{
    private readonly Channel<QueuedPrediction> channel = Channel.CreateUnbounded<QueuedPrediction>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ServingMetrics metrics;
    private readonly int capacity;
    private readonly int maxPayloadRows;

    // The queue is unbounded so that flush markers always fit; this count of queued entries (markers excluded) is the bound.
    private int queued;

    public PredictionLog(ServingMetrics metrics, IOptions<PredictionLogOptions> options)
    {
        this.metrics = metrics;
        capacity = options.Value.Capacity;
        maxPayloadRows = options.Value.MaxPayloadRows;
    }

    /// <summary>Entries waiting for the writer.</summary>
    public int Queued => Volatile.Read(ref queued);

    internal ChannelReader<QueuedPrediction> Reader => channel.Reader;

    /// <summary>
    /// Queues one prediction for the log. Returns false when the record was dropped (the log is full or shut down);
    /// true when it was queued, perhaps without its payloads. Never blocks, never throws.
    /// </summary>
    public bool Write(PredictionEntry entry)
    {
        if (entry is null)
        {
            return false;
        }

        try
        {
            var sampled = PayloadSample.Includes(entry.PredictionId, entry.PayloadSamplePercent);
            var hasPayload = entry.Inputs is not null || entry.Outputs is not null || entry.Params is not null;
            var keepPayload = sampled && hasPayload;
            var payloadDropped = false;
            if (keepPayload && (Volatile.Read(ref queued) > capacity / 2 || entry.Rows > maxPayloadRows))
            {
                keepPayload = false;
                payloadDropped = true;
            }

            if (Interlocked.Increment(ref queued) > capacity)
            {
                Interlocked.Decrement(ref queued);
                metrics.PredictionLogDropped.WithLabels("record").Inc();
                return false;
            }

            if (hasPayload && !keepPayload)
            {
                entry = entry with { Inputs = null, Outputs = null, Params = null };
            }

            if (!channel.Writer.TryWrite(new QueuedPrediction(entry, sampled, payloadDropped, null)))
            {
                Interlocked.Decrement(ref queued);
                metrics.PredictionLogDropped.WithLabels("record").Inc();
                return false;
            }

            if (payloadDropped)
            {
                metrics.PredictionLogDropped.WithLabels("payload").Inc();
            }

            return true;
        }
#pragma warning disable CA1031 // The request path must never fail because of its log (serving spec §7.2).
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>
    /// Completes when every entry queued before the call is stored (or, after two failed writes, counted as dropped).
    /// After shutdown, completes when the writer has drained the queue. Needs the writer (the hosted
    /// <see cref="PredictionLogWriter"/>) to run; tests and integration checks use it instead of waiting for time to pass.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return channel.Writer.TryWrite(new QueuedPrediction(null, false, false, marker))
            ? marker.Task.WaitAsync(cancellationToken)
            : drained.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Refuses further entries; the writer drains what is queued and stops.</summary>
    internal void Complete() => channel.Writer.TryComplete();

    /// <summary>The writer took an entry off the queue.</summary>
    internal void Dequeued() => Interlocked.Decrement(ref queued);

    /// <summary>The writer has stopped; flushes after this complete at once.</summary>
    internal void Drained()
    {
        drained.TrySetResult();
        // Markers that raced with the shutdown are answered too, so no flush waits forever; entries left behind by a
        // forced stop are counted as dropped.
        while (channel.Reader.TryRead(out var left))
        {
            left.Flush?.TrySetResult();
            if (left.Entry is not null)
            {
                Dequeued();
                metrics.PredictionLogDropped.WithLabels("record").Inc();
            }
        }
    }
}

/// <summary>An entry as queued (payloads already stripped when not kept), or a flush marker when <see cref="Flush"/> is set.</summary>
internal sealed record QueuedPrediction(PredictionEntry? Entry, bool PayloadSampled, bool PayloadDropped, TaskCompletionSource? Flush);
