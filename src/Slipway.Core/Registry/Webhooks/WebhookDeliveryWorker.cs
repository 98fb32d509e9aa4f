using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Webhooks;

/// <summary>
/// Sends queued deliveries: claims the due ones, posts them, and records the outcome. A 2xx is SUCCEEDED; anything
/// else is retried after an exponential backoff with jitter until <see cref="WebhookOptions.MaxAttempts"/>, then
/// FAILED. It wakes on <see cref="DeliverySignal"/> after a commit, and polls for the rest (retries, other replicas'
/// events, claims that expired).
/// </summary>
public sealed class WebhookDeliveryWorker(
    IServiceScopeFactory scopes, DeliverySignal signal, WebhookSecrets secrets, IOptions<WebhookOptions> options, IOptions<DatabaseOptions> database, TimeProvider time,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    private readonly string workerId = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Makes sure a Data Protection key exists before the server serves, so that replicas started one after another
    /// share the first replica's key rather than each creating its own at the same moment.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        secrets.Protect("key-ring-warmup");
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite calls complete synchronously: without this the first pass would run inside the host's start-up.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                logger.DeliveryPassFailed(e);
            }

            if (claimed == 0)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass: claims up to a batch of due deliveries and sends them side by side. Returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        List<string> ids;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            ids = await DeliveryClaims.ClaimAsync(db, database.Value.Provider == DatabaseProvider.Postgres, workerId, now,
                now + (long)settings.ClaimDuration.TotalMilliseconds, settings.BatchSize, cancellationToken);
        }

        await Task.WhenAll(ids.Select(id => DeliverAsync(id, cancellationToken)));
        return ids.Count;
    }

    private async Task DeliverAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        var webhook = delivery is null ? null : await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == delivery.WebhookId, cancellationToken);
        if (delivery is null || webhook is null)
        {
            return;
        }

        var settings = options.Value;
        var disabled = webhook.Status != WebhookStatus.Active;
        var outcome = disabled
            ? new SendOutcome(null, "The webhook is disabled.")
            : await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendAsync(webhook, delivery.Id, delivery.Payload, cancellationToken);
        var attempts = delivery.Attempts + 1;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var status = outcome.Succeeded ? DeliveryStatus.Succeeded
            : disabled || attempts >= settings.MaxAttempts ? DeliveryStatus.Failed
            : DeliveryStatus.Pending;
        var nextAttempt = status == DeliveryStatus.Pending ? now + (long)Backoff(settings, attempts).TotalMilliseconds : delivery.NextAttemptAt;
        long? completed = status == DeliveryStatus.Pending ? null : now;
        var error = outcome.Error is { Length: > 1000 } long_ ? long_[..1000] : outcome.Error;
        await db.WebhookDeliveries.Where(d => d.Id == id && d.ClaimedBy == workerId).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, status)
            .SetProperty(d => d.Attempts, attempts)
            .SetProperty(d => d.NextAttemptAt, nextAttempt)
            .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
            .SetProperty(d => d.LastError, error)
            .SetProperty(d => d.CompletedAt, completed)
            .SetProperty(d => d.ClaimedBy, (string?)null)
            .SetProperty(d => d.ClaimedUntil, (long?)null), cancellationToken);
        if (outcome.Succeeded)
        {
            logger.DeliverySucceeded(id, webhook.Id, attempts, outcome.StatusCode ?? 0);
        }
        else
        {
            logger.DeliveryFailed(id, webhook.Id, attempts, status, error ?? "");
        }
    }

    /// <summary>BackoffBase · 2^(attempt−1), capped at BackoffMax, plus up to 25% jitter so retries of many deliveries spread out.</summary>
    public static TimeSpan Backoff(WebhookOptions settings, int attempt)
    {
        var exponential = settings.BackoffBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, settings.BackoffMax.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (1 + (Random.Shared.NextDouble() * 0.25)));
    }
}
