using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Slipway.Core.Tests.Governance.Oidc;

/// <summary>
/// A minimal OpenID provider on loopback whose token endpoint answers whatever ID token the test crafted
/// (<see cref="NextIdToken"/>): discovery, a key set with the keys the test publishes, and a token endpoint. It
/// lets the tests present tokens a real provider never issues: wrong audience or issuer, expired, <c>alg=none</c>,
/// unknown key id, bad signature, wrong nonce.
/// </summary>
public sealed class ForgingIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication app;
    private int keySetReads;

    private ForgingIdentityProvider(WebApplication app, Uri issuer)
    {
        this.app = app;
        Issuer = issuer.ToString().TrimEnd('/');
    }

    public string Issuer { get; }

    /// <summary>The key set the provider publishes; the test may add to it (key rotation).</summary>
    public List<RsaSecurityKey> PublishedKeys { get; } = [NewKey("k1")];

    public RsaSecurityKey SigningKey => PublishedKeys[0];

    /// <summary>What the token endpoint answers next: an ID token, or null for an OAuth error.</summary>
    public string? NextIdToken { get; set; }

    public int KeySetReads => Volatile.Read(ref keySetReads);

    public static async Task<ForgingIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ForgingIdentityProvider? provider = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider!.Issuer,
            ["authorization_endpoint"] = provider.Issuer + "/authorize",
            ["token_endpoint"] = provider.Issuer + "/token",
            ["jwks_uri"] = provider.Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref provider!.keySetReads);
            var keys = provider.PublishedKeys.Select(k =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(k);
                return new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = jwk.Kid, ["n"] = jwk.N, ["e"] = jwk.E };
            });
            return Results.Json(new { keys });
        });
        app.MapPost("/token", () => provider!.NextIdToken is { } token
            ? Results.Json(new Dictionary<string, object> { ["access_token"] = "at", ["token_type"] = "Bearer", ["expires_in"] = 60, ["id_token"] = token })
            : Results.Json(new { error = "invalid_grant" }, statusCode: 400));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider = new ForgingIdentityProvider(app, new Uri(address));
        return provider;
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["Auth:Oidc:Enabled"] = "true",
        ["Auth:Oidc:Authority"] = Issuer,
        ["Auth:Oidc:ClientId"] = TestIdentityProvider.ClientId,
        ["Auth:Oidc:ClientSecret"] = TestIdentityProvider.ClientSecret,
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["Audit:DenialWindow"] = "00:00:00",
    };

    public static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    /// <summary>A token as a good provider would issue it; <paramref name="change"/> spoils it.</summary>
    public string Issue(string nonce, Action<SecurityTokenDescriptor>? change = null, SecurityKey? key = null)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = TestIdentityProvider.ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = "forged-subject", ["nonce"] = nonce, ["preferred_username"] = "mallory" },
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
