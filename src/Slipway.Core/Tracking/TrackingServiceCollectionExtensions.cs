using Microsoft.Extensions.DependencyInjection;

namespace Slipway.Core.Tracking;

public static class TrackingServiceCollectionExtensions
{
    public static IServiceCollection AddTracking(this IServiceCollection services)
    {
        services.AddScoped<ListRunArtifacts>();
        return services;
    }
}
