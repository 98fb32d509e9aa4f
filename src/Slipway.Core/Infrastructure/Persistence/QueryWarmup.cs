using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Slipway.Core.Governance;
using Slipway.Core.Tracking.Runs;
using Tracking = Slipway.Core.Tracking;

namespace Slipway.Core.Infrastructure.Persistence;

/// <summary>
/// Once the server is ready, runs the queries of the hottest paths (token check, run loading) once in the
/// background, so that the first client request does not pay for compiling EF Core's query pipeline.
/// </summary>
internal sealed class QueryWarmup(IServiceProvider services, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Off the start-up path: LINQ compilation runs synchronously before the first await.
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => WarmAsync(lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            // A well-formed token that cannot exist: it exercises the lookup and caches nothing useful to anyone.
            await scope.ServiceProvider.GetRequiredService<TokenValidator>().ValidateAsync(TokenFormat.Generate(), AuthMethods.Token, db, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<RunLoader>().LoadAsync([Tracking.RunIds.NewRunId()], cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Warm-up is an optimisation; a database that is not there yet shows on /health/ready instead.
        }
    }
}
