using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Oidc;

namespace Slipway.Core.Governance;

public static class GovernanceServiceCollectionExtensions
{
    public static IServiceCollection AddGovernance(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<TokenValidator>();
        services.AddOptions<Identity.SessionOptions>().BindConfiguration(Identity.SessionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Identity.UserSessions>();
        services.AddScoped<Authenticator>();
        services.AddScoped<CreateToken>();
        services.AddScoped<ListTokens>();
        services.AddScoped<RevokeToken>();
        services.AddAudit();
        services.AddOidc();
        return services;
    }
}
