using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity;

namespace Slipway.Core.Governance;

public static class GovernanceServiceCollectionExtensions
{
    public static IServiceCollection AddGovernance(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<Access.AccessEvaluator>();
        services.AddSingleton<Access.RequestWorkspaces>();
        services.AddScoped<Access.AccessScope>();
        services.AddScoped<Access.CreatorGrants>();
        services.AddScoped<Access.ResourceResolver>();
        services.AddOptions<Identity.SessionOptions>().BindConfiguration(Identity.SessionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Identity.UserSessions>();
        services.AddScoped<Authenticator>();
        services.AddScoped<CreateToken>();
        services.AddScoped<ListTokens>();
        services.AddScoped<RevokeToken>();
        services.AddSlipwayIdentity();
        services.AddAudit();
        return services;
    }
}
