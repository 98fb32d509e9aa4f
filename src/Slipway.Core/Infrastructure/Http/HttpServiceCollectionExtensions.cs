using Microsoft.Extensions.DependencyInjection;

namespace Slipway.Core.Infrastructure.Http;

public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddSlipwayHttp(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOptions<BrowserGuardOptions>().BindConfiguration(BrowserGuardOptions.SectionName);
        services.AddExceptionHandler<SlipwayExceptionHandler>();
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.GroupName is null or "v1";
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Slipway API";
                document.Info.Version = "v1";
                document.Info.Description = "The native Slipway API. The MLflow-compatible API is served under /api/2.0/mlflow (see docs/mlflow-compatibility.md).";
                return Task.CompletedTask;
            });
        });
        services.AddMemoryCache();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
