using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Registry.Catalog;

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
        services.AddScoped<ListModelVersions>();
        services.AddScoped<GetModelVersion>();
        services.AddRegistryCatalog();
        return services;
    }
}
