using Microsoft.Extensions.DependencyInjection;

namespace Slipway.Core.Governance.Oidc;

public static class OidcServiceCollectionExtensions
{
    /// <summary>Single sign-on: options, the provider's metadata cache, an HTTP client that follows no redirects, the handlers.</summary>
    public static IServiceCollection AddOidc(this IServiceCollection services)
    {
        services.AddOptions<OidcOptions>().BindConfiguration(OidcOptions.SectionName);
        services.AddHttpClient(OidcDiscovery.ClientName, client => client.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            // The default handlers would log request URIs; none carries a secret today, but codes travel in bodies
            // and keeping these quiet avoids one ever reaching a log.
            .RemoveAllLoggers();
        services.AddSingleton<OidcDiscovery>();
        services.AddSingleton<OidcLoginCookie>();
        services.AddSingleton<OidcCodeExchange>();
        services.AddSingleton<OidcTokenValidator>();
        services.AddScoped<OidcAccounts>();
        services.AddScoped<StartOidcLogin>();
        services.AddScoped<CompleteOidcLogin>();
        return services;
    }
}
