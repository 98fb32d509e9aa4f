using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Infrastructure.Artifacts;
using Slipway.Core.Infrastructure.Http;
using Slipway.Core.Mlflow;
using Slipway.Core.Registry;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Core.Registry.Storage;
using Slipway.Core.Registry.Webhooks;
using Slipway.Core.Serving.Deployments;
using Slipway.Core.Tracking;

namespace Slipway.Core;

/// <summary>The table of contents: one line per capability.</summary>
public static class SlipwayApplication
{
    public static IServiceCollection AddSlipway(this IServiceCollection services)
    {
        services.AddSlipwayHttp();
        services.AddGovernance();
        services.AddArtifacts();
        services.AddTracking();
        services.AddRegistry();
        services.AddDeployments();
        services.AddHostedService<Infrastructure.Persistence.QueryWarmup>();
        return services;
    }

    public static IEndpointRouteBuilder MapSlipway(this IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapApiReference();
        app.MapGovernance();
        app.MapTracking();
        app.MapRegistryStorage();
        app.MapRegistryLifecycle();
        app.MapWebhooks();
        app.MapRegistry();
        app.MapDeployments();
        app.MapMlflow();
        return app;
    }
}
