using Microsoft.Extensions.DependencyInjection;

namespace Slipway.Core.Infrastructure.Http;

public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddSlipwayHttp(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.ShouldInclude = d => d.GroupName is null or "v1");
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
