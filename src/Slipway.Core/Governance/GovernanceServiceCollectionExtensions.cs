using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Governance.Oidc;

namespace Slipway.Core.Governance;

public static class GovernanceServiceCollectionExtensions
{
    public static IServiceCollection AddGovernance(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations()
            .Validate(
                o => o.TokenDefaultDays > 0 || o.AllowNonExpiringTokens,
                "Auth:TokenDefaultDays (SLIPWAY_Auth__TokenDefaultDays) is 0, which makes tokens non-expiring by default; set Auth:AllowNonExpiringTokens to true to allow that, or choose a number of days.")
            .ValidateOnStart();
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
        services.AddScoped<SetTokenLimits>();
        services.AddSlipwayIdentity();
        services.AddScoped<IssueToken>();
        services.AddAccessAdministration();
        services.AddAudit();
        services.AddOidc();
        return services;
    }
}
