using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Slipway.Core.Governance.Oidc;

/// <summary>
/// The identity provider's discovery document and signing keys, cached by IdentityModel's
/// <see cref="ConfigurationManager{T}"/> (refreshed in the background every 12 hours). An ID token signed with a key
/// id that the cached key set lacks forces one fresh read (<see cref="RefreshAsync"/>), at most once per
/// <see cref="ForcedRefreshInterval"/>, so that a flood of forged key ids cannot make Slipway hammer the provider.
/// The manager's own <c>RequestRefresh</c> is not used: it refreshes in the background and the caller would still
/// see the old keys.
/// </summary>
public sealed class OidcDiscovery(IOptions<OidcOptions> options, IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "Slipway.Oidc";
    public static readonly TimeSpan ForcedRefreshInterval = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private ConfigurationManager<OpenIdConnectConfiguration>? manager;
    private DateTimeOffset lastForcedRefresh = DateTimeOffset.MinValue;

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken)
    {
        ConfigurationManager<OpenIdConnectConfiguration> current;
        lock (gate)
        {
            current = manager ??= Create();
        }

        return current.GetConfigurationAsync(cancellationToken);
    }

    /// <summary>Reads discovery and keys again now, unless that was done less than <see cref="ForcedRefreshInterval"/> ago.</summary>
    public async Task<OpenIdConnectConfiguration> RefreshAsync(CancellationToken cancellationToken)
    {
        ConfigurationManager<OpenIdConnectConfiguration>? fresh = null;
        ConfigurationManager<OpenIdConnectConfiguration>? current;
        lock (gate)
        {
            var now = time.GetUtcNow();
            current = manager;
            if (current is null || now - lastForcedRefresh >= ForcedRefreshInterval)
            {
                lastForcedRefresh = now;
                fresh = Create();
            }
        }

        if (fresh is null)
        {
            return await current!.GetConfigurationAsync(cancellationToken);
        }

        // A new manager reads synchronously on first use; it replaces the old one only once it has succeeded.
        var configuration = await fresh.GetConfigurationAsync(cancellationToken);
        lock (gate)
        {
            manager = fresh;
        }

        return configuration;
    }

    private ConfigurationManager<OpenIdConnectConfiguration> Create()
    {
        var settings = options.Value;
        var address = settings.Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
        var retriever = new HttpDocumentRetriever(clients.CreateClient(ClientName)) { RequireHttps = settings.RequireHttpsMetadata };
        return new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever);
    }
}
