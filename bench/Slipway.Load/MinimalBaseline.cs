using Slipway.Load.Hosting;
using Slipway.Load.Measurements;

namespace Slipway.Load;

/// <summary>Start-up time and idle memory of an empty ASP.NET Core app, measured once per run for both databases.</summary>
internal sealed record MinimalBaseline(double StartupMilliseconds, double IdleMegabytes)
{
    public const string Name = "empty ASP.NET Core app";

    public static async Task<MinimalBaseline> MeasureAsync(RepositoryPaths paths, LoadSizes sizes, CancellationToken cancellationToken)
    {
        var (milliseconds, server) = await StartupTime.MeasureAsync(() => Task.FromResult(ServerCommand.Minimal(paths)), sizes.Starts, cancellationToken);
        await using (server)
        {
            using var client = new HttpClient { BaseAddress = server.BaseAddress };
            for (var i = 0; i < 5; i++)
            {
                using var response = await client.GetAsync("health/ready", cancellationToken);
                response.EnsureSuccessStatusCode();
            }

            return new MinimalBaseline(milliseconds, server.ResidentBytes() / 1048576.0);
        }
    }
}
