using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Slipway.Core.Infrastructure.Artifacts;

public static class ArtifactsServiceCollectionExtensions
{
    public static IServiceCollection AddArtifacts(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.AddSingleton<LocalArtifactStore>();
        services.AddSingleton<S3ArtifactStore>();
        services.AddSingleton<IArtifactStore>(sp =>
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.S3
                ? sp.GetRequiredService<S3ArtifactStore>()
                : sp.GetRequiredService<LocalArtifactStore>());
        services.AddHostedService<StagingCleanup>();
        services.AddScoped<UploadArtifact>();
        services.AddScoped<ReadArtifact>();
        services.AddScoped<ListArtifacts>();
        services.AddScoped<DeleteArtifact>();
        return services;
    }
}
