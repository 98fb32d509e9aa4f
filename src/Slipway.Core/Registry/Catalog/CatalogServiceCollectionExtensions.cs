using Microsoft.Extensions.DependencyInjection;

namespace Slipway.Core.Registry.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>Model cards and the catalog. The host registers the provider's <see cref="ICatalogTextSearch"/>.</summary>
    public static IServiceCollection AddRegistryCatalog(this IServiceCollection services)
    {
        services.AddScoped<CatalogIndexer>();
        services.AddScoped<ModelCardAutoFill>();
        services.AddScoped<GetModelCard>();
        services.AddScoped<UpdateModelCard>();
        services.AddScoped<SearchCatalog>();
        return services;
    }
}
