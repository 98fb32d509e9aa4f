using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Serving.Routing;

namespace Slipway.Core.Serving.Hosting;

/// <summary>
/// Runs the serving plane's two loops: reconciling deployments (at start, on signals, and every
/// <c>Serving:ReconcileSeconds</c>) and sweeping idle or replaced versions (every <c>Serving:SweepSeconds</c>).
/// </summary>
internal sealed partial class ServingBackground(
    DeploymentRouter router, ModelHost host, ServingSignals signals, IOptions<ServingOptions> options, TimeProvider time, ILogger<ServingBackground> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signals.Subscribe(_ => router.Wake());
        return Task.WhenAll(ReconcileLoopAsync(stoppingToken), SweepLoopAsync(stoppingToken));
    }

    private async Task ReconcileLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await router.ReconcileAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogReconcileFailed(logger, e);
            }

            try
            {
                await router.WaitForWakeAsync(TimeSpan.FromSeconds(options.Value.ReconcileSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await host.SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSweepFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciling deployments failed; retrying on the next tick")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweeping idle model versions failed; retrying on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
