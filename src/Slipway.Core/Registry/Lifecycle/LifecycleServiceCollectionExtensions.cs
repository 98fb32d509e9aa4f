using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Registry.Lifecycle.Retention;

namespace Slipway.Core.Registry.Lifecycle;

public static class LifecycleServiceCollectionExtensions
{
    /// <summary>Archive and restore, holds, retention (on demand and on schedule) and history.</summary>
    public static IServiceCollection AddRegistryLifecycle(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName);
        services.AddScoped<ArchiveVersion>();
        services.AddScoped<RestoreVersion>();
        services.AddScoped<DeleteVersionFiles>();
        services.AddScoped<VersionHolds>();
        services.AddScoped<RegistryHistory>();
        services.AddScoped<AliasHistoryAt>();
        services.AddScoped<RetentionPolicies>();
        services.AddScoped<RetentionPlanner>();
        services.AddScoped<RunRetention>();
        services.AddHostedService<RetentionSchedule>();
        return services;
    }
}
