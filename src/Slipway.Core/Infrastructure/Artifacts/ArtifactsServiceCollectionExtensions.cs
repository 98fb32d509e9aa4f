using Microsoft.Extensions.DependencyInjection;

namespace Slipway.Core.Infrastructure.Artifacts;

public static class ArtifactsServiceCollectionExtensions
{
    public static IServiceCollection AddArtifacts(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        return services;
    }
}
