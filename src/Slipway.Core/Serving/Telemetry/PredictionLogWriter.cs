using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Serving.Telemetry;

/// <summary>
/// Drains <see cref="PredictionLog"/> into <c>prediction_records</c>: up to <see cref="PredictionLogOptions.BatchSize"/>
/// records or <see cref="PredictionLogOptions.BatchWindow"/> after the first, whichever comes first, in one
/// SaveChanges on a fresh scope. A failed batch is retried once, then counted as dropped (<c>kind="error"</c>); the
/// writer carries on, so a database outage costs records, never the server. On shutdown it stores what is queued.
/// </summary>
internal sealed class PredictionLogWriter(
    PredictionLog log, ServingMetrics metrics, IServiceScopeFactory scopes, WriteGate writeGate, IOptions<PredictionLogOptions> options,
    TimeProvider time, ILogger<PredictionLogWriter> logger) : BackgroundService
{
    private readonly int batchSize = options.Value.BatchSize;
    private readonly TimeSpan batchWindow = options.Value.BatchWindow;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        if (ExecuteTask is { } running)
        {
            try
            {
                // Store what is queued; the host's shutdown timeout bounds the wait.
                await running.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite calls complete synchronously: without this the first batch could run inside the host's start-up.
        await Task.Yield();
        var reader = log.Reader;
        var batch = new List<QueuedPrediction>(batchSize);
        var flushes = new List<TaskCompletionSource>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await FillAsync(batch, flushes, stoppingToken);
                if (batch.Count > 0)
                {
                    await StoreAsync(batch, stoppingToken);
                }

                foreach (var flush in flushes)
                {
                    flush.TrySetResult();
                }

                batch.Clear();
                flushes.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var flush in flushes)
            {
                flush.TrySetResult();
            }

            log.Drained();
        }
    }

    /// <summary>Takes entries until the batch is full, a flush marker arrives, the window closes or the log completes.</summary>
    private async Task FillAsync(List<QueuedPrediction> batch, List<TaskCompletionSource> flushes, CancellationToken stoppingToken)
    {
        var reader = log.Reader;
        using var window = new CancellationTokenSource(batchWindow, time);
        using var link = CancellationTokenSource.CreateLinkedTokenSource(window.Token, stoppingToken);
        while (true)
        {
            while (batch.Count < batchSize && reader.TryRead(out var item))
            {
                if (item.Flush is { } flush)
                {
                    // Whoever flushes waits for this batch; everything queued before the marker is in it or stored already.
                    flushes.Add(flush);
                    return;
                }

                log.Dequeued();
                batch.Add(item);
            }

            if (batch.Count >= batchSize)
            {
                return;
            }

            try
            {
                if (!await reader.WaitToReadAsync(link.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task StoreAsync(List<QueuedPrediction> batch, CancellationToken cancellationToken)
    {
        var rows = new List<(PredictionEntry Entry, string Json)>(batch.Count);
        foreach (var item in batch)
        {
            var entry = item.Entry!;
            try
            {
                rows.Add((entry, PredictionRecordJson.Write(entry, item.PayloadSampled, item.PayloadDropped)));
            }
#pragma warning disable CA1031 // One unwritable record (an odd params value) must not cost the batch.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.PredictionRecordUnwritable(entry.Deployment, e.GetType().Name);
                metrics.PredictionLogDropped.WithLabels("error").Inc();
            }
        }

        for (var attempt = 1; attempt <= 2 && rows.Count > 0; attempt++)
        {
            try
            {
                await InsertAsync(rows, cancellationToken);
                foreach (var group in rows.GroupBy(r => r.Entry.Deployment, StringComparer.Ordinal))
                {
                    metrics.PredictionLogRecords.WithLabels(group.Key).Inc(group.Count());
                }

                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The log must survive any database fault (serving spec §7.2); the exception is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.PredictionBatchFailed(rows.Count, attempt, e.GetType().Name, e);
            }
        }

        logger.PredictionBatchDropped(rows.Count);
        metrics.PredictionLogDropped.WithLabels("error").Inc(rows.Count);
    }

    private async Task InsertAsync(List<(PredictionEntry Entry, string Json)> rows, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<IRowWriter>();
        using var turn = await writeGate.EnterAsync(cancellationToken);
        // One multi-row insert per batch (the provider's fastest path, as log-batch uses), not an entity per record.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await writer.InsertAsync(
            db,
            "INSERT INTO prediction_records (prediction_id, workspace_id, deployment, model_name, version, route_id, role, status, http_status, error_code, rows, timestamp, record)",
            13,
            "",
            rows,
            (r, values) =>
            {
                var e = r.Entry;
                values[0] = e.PredictionId;
                values[1] = e.WorkspaceId;
                values[2] = e.Deployment;
                values[3] = e.ModelName;
                values[4] = e.Version is { } v ? (long)v : null;
                values[5] = e.RouteId;
                values[6] = e.Role;
                values[7] = e.Status;
                values[8] = (long)e.HttpStatus;
                values[9] = e.ErrorCode;
                values[10] = (long)e.Rows;
                values[11] = e.Timestamp.ToUnixTimeMilliseconds();
                values[12] = r.Json;
            },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
