using Slipway.Load.Hosting;

namespace Slipway.Load.Measurements;

/// <summary>Process start to the first 200 of <c>/health/ready</c>, as the median of several starts.</summary>
internal static class StartupTime
{
    /// <summary>
    /// Starts a server <paramref name="starts"/> times, each from a command <paramref name="next"/> makes, stopping
    /// each before the next. The last one is left running and returned.
    /// </summary>
    public static async Task<(double Milliseconds, ServerProcess Server)> MeasureAsync(Func<Task<ServerCommand>> next, int starts, CancellationToken cancellationToken)
    {
        var samples = new List<double>(starts);
        ServerProcess? server = null;
        for (var i = 0; i < starts; i++)
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            server = await ServerProcess.StartAsync(await next(), cancellationToken);
            samples.Add(server.Startup.TotalMilliseconds);
        }

        return (Timing.Median(samples), server ?? throw new ArgumentOutOfRangeException(nameof(starts), "At least one start."));
    }
}
