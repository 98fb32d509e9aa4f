using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Slipway.Core.Registry.Packages;

namespace Slipway.Core.Registry.Storage;

public static class RegistryStorageServiceCollectionExtensions
{
    /// <summary>Registry-owned storage of version files: copy on create, uploads, verified reads.</summary>
    public static IServiceCollection AddRegistryStorage(this IServiceCollection services)
    {
        services.AddOptions<RegistryPackageOptions>().BindConfiguration(RegistryPackageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<StoreSourceCopier>();
        services.AddScoped<StoredVersions>();
        services.AddScoped<IntegrityFailures>();
        services.AddScoped<ModelPackageReader>();
        services.AddScoped<VersionStorage>();
        services.AddScoped<ReadRegistryFile>();
        services.AddScoped<VerifyModelVersion>();
        services.AddScoped<UploadModelVersion>();
        services.AddHostedService<PackageDirectoryCleanup>();
        return services;
    }
}
