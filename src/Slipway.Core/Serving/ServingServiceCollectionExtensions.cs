using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Slipway.Core.Serving.Deployments;
using Slipway.Core.Serving.Hosting;
using Slipway.Core.Serving.Inference;
using Slipway.Core.Serving.Routing;
using Slipway.Core.Serving.Runtime;
using Slipway.Core.Serving.Scheduling;
using Slipway.Core.Serving.Telemetry;

namespace Slipway.Core.Serving;

/// <summary>Model serving: runtimes, the model host, routing, admission, the inference paths, deployments and telemetry.</summary>
public static class ServingServiceCollectionExtensions
{
    public static IServiceCollection AddServing(this IServiceCollection services)
    {
        services.AddOptions<ServingOptions>().BindConfiguration("Serving");
        services.TryAddSingleton<ServingSignals>();
        services.AddServingRuntimes();
        services.AddServingTelemetry();
        services.TryAddSingleton<RegistryDeploymentStatus>();
        services.TryAddSingleton<IDeploymentStatusSource, RouterDeploymentStatus>();
        services.AddDeployments();
        services.TryAddSingleton<ModelHost>();
        services.TryAddSingleton<DeploymentRouter>();
        services.TryAddSingleton<Governance.Access.IDeploymentDirectory, RouterDirectory>();
        services.TryAddSingleton<AdmissionController>();
        services.TryAddSingleton<CallerLimitsSource>();
        services.TryAddSingleton<InferenceHandler>();
        services.AddHostedService<ServingBackground>();
        return services;
    }

    public static IEndpointRouteBuilder MapServing(this IEndpointRouteBuilder app)
    {
        app.MapInference();
        app.MapDeployments();
        app.MapServingTelemetry();
        return app;
    }
}
