using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Governance.Audit;

/// <summary>Checks now and then whether a checkpoint is due (<see cref="AuditOptions.CheckpointEvery"/> events or <see cref="AuditOptions.CheckpointInterval"/>) and writes it.</summary>
internal sealed class AuditCheckpointService(IServiceScopeFactory scopes, TimeProvider time, IOptions<AuditOptions> options, ILogger<AuditCheckpointService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var period = TimeSpan.FromTicks(Math.Clamp(options.Value.CheckpointInterval.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(30).Ticks));
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var checkpoints = scope.ServiceProvider.GetRequiredService<AuditCheckpoints>();
                if (await checkpoints.IsDueAsync(stoppingToken))
                {
                    await checkpoints.CreateAsync(stoppingToken);
                }

                if (await checkpoints.LatestAsync(stoppingToken) is { } latest)
                {
                    await checkpoints.WriteFileAsync(latest, stoppingToken);
                }

                await checkpoints.PushAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.CheckpointRoundFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
