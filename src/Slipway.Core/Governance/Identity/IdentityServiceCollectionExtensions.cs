using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance.Identity.Groups;
using Slipway.Core.Governance.Identity.Mfa;
using Slipway.Core.Governance.Identity.SignIn;
using Slipway.Core.Governance.Identity.Users;

namespace Slipway.Core.Governance.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>Local users, groups, password sign-in and TOTP MFA.</summary>
    public static IServiceCollection AddSlipwayIdentity(this IServiceCollection services)
    {
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<TotpSecrets>();
        services.AddSingleton<StepUp>();
        services.AddScoped<SecondFactor>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<SignOut>();
        services.AddScoped<StepUpSession>();
        services.AddScoped<GetUsers>();
        services.AddScoped<CreateUser>();
        services.AddScoped<UpdateUser>();
        services.AddScoped<DeleteUser>();
        services.AddScoped<SetPassword>();
        services.AddScoped<EnrollTotp>();
        services.AddScoped<ManageMfa>();
        services.AddScoped<ManageGroups>();
        return services;
    }
}
