using Microsoft.Extensions.DependencyInjection;

namespace Slipway.Core.Governance.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AuditLog>();
        services.AddSingleton<DenialCollapser>();
        services.AddSingleton<AuditSigningKey>();
        services.AddSingleton<AuditRedaction>();
        services.AddSingleton<AuditCheckpointSink>();
        services.AddScoped<AuditCheckpoints>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditProofs>();
        services.AddScoped<AuditExport>();
        services.AddHostedService<AuditCheckpointService>();
        return services;
    }
}
