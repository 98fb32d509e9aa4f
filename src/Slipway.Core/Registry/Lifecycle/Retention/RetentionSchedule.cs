using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Registry.Lifecycle.Retention;

/// <summary>
/// Runs every enabled retention policy once per <see cref="RetentionOptions.RetentionInterval"/> as
/// <c>system:retention</c>. With several replicas on one database each policy run is claimed by one of them: the
/// claim is a conditional update of <see cref="RetentionPolicy.LastRunAt"/> that only one replica's statement can
/// win for a given interval.
/// </summary>
internal sealed class RetentionSchedule(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionSchedule> logger)
    : BackgroundService
{
    public const string Actor = "system:retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var interval = options.Value.RetentionInterval;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunDueAsync(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Claims and runs each due policy; returns how many ran here.</summary>
    internal async Task<int> RunDueAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        List<long> due;
        long now;
        // A tick that comes a little early still counts as a full interval.
        var slack = interval / 20;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var dueBefore = now - (long)(interval - slack).TotalMilliseconds;
            due = await db.RetentionPolicies.AsNoTracking()
                .Where(p => p.Enabled && (p.LastRunAt == null || p.LastRunAt <= dueBefore))
                .Select(p => p.RegisteredModelId)
                .ToListAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.RetentionScheduleFailed(e);
            return 0;
        }

        var ran = 0;
        foreach (var modelId in due)
        {
            try
            {
                if (await RunOneAsync(modelId, now - (long)(interval - slack).TotalMilliseconds, cancellationToken))
                {
                    ran++;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.RetentionFailed(modelId, e);
            }
        }

        return ran;
    }

    private async Task<bool> RunOneAsync(long modelId, long dueBefore, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs(Actor);
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var claimed = await db.RetentionPolicies
            .Where(p => p.RegisteredModelId == modelId && p.Enabled && (p.LastRunAt == null || p.LastRunAt <= dueBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastRunAt, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var model = await db.RegisteredModels.AsNoTracking().FirstOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        var policy = await db.RetentionPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.RegisteredModelId == modelId, cancellationToken);
        if (model is null || policy is null)
        {
            return false;
        }

        await scope.ServiceProvider.GetRequiredService<RunRetention>().RunAsync(model, policy, dryRun: false, "scheduled", cancellationToken);
        return true;
    }
}
