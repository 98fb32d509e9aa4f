using Microsoft.Extensions.Logging;
using Prometheus;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving.Scheduling;

/// <summary>
/// Runs one dispatched batch on the calling (thread-pool) thread and answers its members: a merged run sliced back
/// per member (serving spec §4.3), a large request as chunks reassembled in order (§4.2 item 5; a failed chunk fails
/// the request), and after a failed merged run its members retried apart, singly or by halves for big batches, so
/// that only the requests that still fail get 500 <c>INFERENCE_FAILED</c> (§4.4). The exception is logged with an
/// error id; the answer carries only the id.
/// </summary>
internal sealed class BatchRunner(
    ILoadedModel model, TimeProvider time, RunTimeEstimator estimator, ServingMetrics metrics, string modelName, string version, ILogger logger, CancellationToken stopping)
{
    /// <summary>Failed merged runs of at most this many requests retry each alone; larger ones split in halves.</summary>
    private const int RetryAloneUpTo = 4;

    private readonly Counter.Child executions = metrics.BatchExecutions.WithLabels(modelName, version);
    private readonly Histogram.Child batchRows = metrics.BatchRows.WithLabels(modelName, version);
    private readonly Counter.Child isolationRetries = metrics.BatchIsolationRetries.WithLabels(modelName, version);

    /// <summary>Runs the batch and answers every member; never throws.</summary>
    public void Execute(List<PendingWork> batch, int rows, int maxBatchSize, bool chunking)
    {
        try
        {
            if (batch.Count == 1 && chunking && rows > maxBatchSize)
            {
                RunChunked(batch[0], maxBatchSize);
            }
            else
            {
                RunGroup(batch, rows, TimeSpan.Zero);
            }
        }
        catch (Exception exception)
        {
            // Outputs that cannot be sliced or reassembled (a model breaking its schema): whoever is unanswered fails.
            foreach (var member in batch.Where(member => !member.Completion.Task.IsCompleted))
            {
                Fail(member, exception, TimeSpan.Zero, rows, 1);
            }
        }
    }

    private void RunGroup(IReadOnlyList<PendingWork> members, int rows, TimeSpan earlier)
    {
        var token = members.Count == 1 ? members[0].Item.CancellationToken : stopping;
        var start = time.GetTimestamp();
        IReadOnlyList<Tensor> outputs;
        TimeSpan elapsed;
        try
        {
            (outputs, elapsed) = RunEngine(BatchMerge.Merge(members, rows), token, checkRows: members.Count > 1);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested || stopping.IsCancellationRequested)
        {
            foreach (var member in members)
            {
                Cancelled(member);
            }

            return;
        }
        catch (Exception exception) when (members.Count > 1)
        {
            var spent = earlier + time.GetElapsedTime(start);
            logger.MergedRunFailed(exception, modelName, version, members.Count, rows);
            isolationRetries.Inc(members.Count);
            foreach (var part in Split(members))
            {
                RunGroup(part, part.Sum(member => member.Rows), spent);
            }

            return;
        }
        catch (Exception exception)
        {
            Fail(members[0], exception, earlier + time.GetElapsedTime(start), rows, 1);
            return;
        }

        if (members.Count == 1)
        {
            members[0].Completion.TrySetResult(new WorkResult(outputs, null, members[0].QueueTime, earlier + elapsed, rows, 1));
            return;
        }

        var offset = 0;
        foreach (var member in members)
        {
            member.Completion.TrySetResult(new WorkResult(BatchMerge.Slice(outputs, offset, member.Rows), null, member.QueueTime, earlier + elapsed, rows, 1));
            offset += member.Rows;
        }
    }

    private void RunChunked(PendingWork member, int maxBatchSize)
    {
        var input = member.Item.Input;
        var token = member.Item.CancellationToken;
        var count = (input.Rows + maxBatchSize - 1) / maxBatchSize;
        var chunks = new List<IReadOnlyList<Tensor>>(count);
        var spent = TimeSpan.Zero;
        for (var start = 0; start < input.Rows; start += maxBatchSize)
        {
            var runStart = time.GetTimestamp();
            try
            {
                var (outputs, elapsed) = RunEngine(BatchMerge.Chunk(input, start, Math.Min(maxBatchSize, input.Rows - start)), token, checkRows: true);
                chunks.Add(outputs);
                spent += elapsed;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested || stopping.IsCancellationRequested)
            {
                Cancelled(member);
                return;
            }
            catch (Exception exception)
            {
                Fail(member, exception, spent + time.GetElapsedTime(runStart), maxBatchSize, count);
                return;
            }
        }

        member.Completion.TrySetResult(new WorkResult(BatchMerge.Reassemble(chunks), null, member.QueueTime, spent, maxBatchSize, count));
    }

    private (IReadOnlyList<Tensor> Outputs, TimeSpan Elapsed) RunEngine(InferenceBatch batch, CancellationToken cancellationToken, bool checkRows)
    {
        executions.Inc();
        batchRows.Observe(batch.Rows);
        var start = time.GetTimestamp();
        var outputs = model.Run(batch, cancellationToken);
        var elapsed = time.GetElapsedTime(start);
        if (checkRows)
        {
            BatchMerge.CheckRows(outputs, batch.Rows);
        }

        estimator.Observe(batch.Rows, elapsed);
        return (outputs, elapsed);
    }

    private static IEnumerable<IReadOnlyList<PendingWork>> Split(IReadOnlyList<PendingWork> members)
    {
        if (members.Count <= RetryAloneUpTo)
        {
            return members.Select(member => (IReadOnlyList<PendingWork>)[member]);
        }

        var half = members.Count / 2;
        return [members.Take(half).ToArray(), members.Skip(half).ToArray()];
    }

    private void Fail(PendingWork member, Exception exception, TimeSpan inferTime, int rows, int chunks)
    {
        var errorId = Guid.NewGuid().ToString("N");
        logger.InferenceFailed(exception, modelName, version, member.Rows, errorId);
        var error = new ServingError(500, ServingErrorCodes.InferenceFailed,
            $"The model failed on this request (error id {errorId}); the input passed validation and the error is in the server log under that id.");
        member.Completion.TrySetResult(new WorkResult(null, error, member.QueueTime, inferTime, rows, chunks) { ErrorId = errorId });
    }

    private static void Cancelled(PendingWork member)
    {
        if (member.Item.CancellationToken.IsCancellationRequested)
        {
            member.Completion.TrySetCanceled(member.Item.CancellationToken);
        }
        else
        {
            member.Completion.TrySetResult(WorkResult.Failed(VersionScheduler.NotReady(), member.QueueTime));
        }
    }
}
