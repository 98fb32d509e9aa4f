using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Registry.Catalog;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Core.Registry.Storage;
using Slipway.Core.Registry.Webhooks;

namespace Slipway.Core.Registry;

public static class RegistryServiceCollectionExtensions
{
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddScoped<RegistryLoader>();
        services.AddScoped<Events.RegistryEventLog>();
        services.AddScoped<VersionSource>();
        services.AddScoped<LoggedModelRegistrations>();
        services.AddScoped<CreateRegisteredModel>();
        services.AddScoped<RenameRegisteredModel>();
        services.AddScoped<UpdateRegisteredModel>();
        services.AddScoped<DeleteRegisteredModel>();
        services.AddScoped<RegisteredModelTags>();
        services.AddScoped<SetAlias>();
        services.AddScoped<DeleteAlias>();
        services.AddScoped<GetVersionByAlias>();
        services.AddScoped<CreateModelVersion>();
        services.AddScoped<UpdateModelVersion>();
        services.AddScoped<DeleteModelVersion>();
        services.AddScoped<ModelVersionTags>();
        services.AddScoped<GetLatestVersions>();
        services.AddScoped<TransitionStage>();
        services.AddScoped<SearchRegisteredModels>();
        services.AddScoped<SearchModelVersions>();
        services.AddSingleton<Packages.IModelPackageInspector, Packages.ModelPackageInspector>();
        services.AddRegistryStorage();
        services.AddRegistryLifecycle();
        services.AddWebhooks();
        services.AddScoped<ListModelVersions>();
        services.AddScoped<GetModelVersion>();
        services.AddRegistryCatalog();
        return services;
    }
}
