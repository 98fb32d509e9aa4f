using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Slipway.Core.Serving.Deployments;

public static class DeploymentsServiceCollectionExtensions
{
    /// <summary>
    /// The deployments control plane. <see cref="ServingSignals"/> and <see cref="IDeploymentStatusSource"/> are added
    /// only if absent, so the serving plane may register its own first.
    /// </summary>
    public static IServiceCollection AddDeployments(this IServiceCollection services)
    {
        services.TryAddSingleton<ServingSignals>();
        services.TryAddSingleton<IDeploymentStatusSource, RegistryDeploymentStatus>();
        services.AddScoped<DeploymentTargets>();
        services.AddScoped<DeploymentHolds>();
        services.AddScoped<DeploymentViews>();
        services.AddScoped<CreateDeployment>();
        services.AddScoped<UpdateDeployment>();
        services.AddScoped<DeleteDeployment>();
        return services;
    }
}
