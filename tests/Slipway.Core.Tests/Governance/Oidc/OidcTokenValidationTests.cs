using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Oidc;

/// <summary>A Slipway server signed in through <see cref="ForgingIdentityProvider"/>.</summary>
public sealed class ForgingProviderFixture : IAsyncLifetime
{
    public ForgingIdentityProvider Provider { get; private set; } = null!;

    public SlipwayTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await ForgingIdentityProvider.StartAsync();
        Server = await SlipwayTestServer.StartAsync(settings: Provider.Settings());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// ID tokens a real provider never issues, served by a token endpoint the test controls, must all be refused at the
/// callback with 401 <c>oidc_invalid_token</c> and a reason, or <c>oidc_nonce_mismatch</c> (governance.md §8.8).
/// </summary>
public sealed class OidcTokenValidationTests(ForgingProviderFixture fixture) : IClassFixture<ForgingProviderFixture>
{
    private ForgingIdentityProvider Idp => fixture.Provider;

    [Fact]
    public async Task A_well_formed_token_signs_in()
    {
        using var response = await CallbackWithAsync(nonce => Idp.Issue(nonce));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.NotNull(OidcBrowser.SetCookie(response, OidcBrowser.SessionCookie));
    }

    [Fact]
    public Task Oidc_wrong_aud_is_rejected() =>
        AssertInvalidAsync("audience", nonce => Idp.Issue(nonce, d => d.Audience = "another-client"));

    [Fact]
    public Task Oidc_wrong_iss_is_rejected() =>
        AssertInvalidAsync("issuer", nonce => Idp.Issue(nonce, d => d.Issuer = "http://127.0.0.1:9/evil"));

    [Fact]
    public Task Oidc_expired_token_is_rejected() =>
        AssertInvalidAsync("expired", nonce => Idp.Issue(nonce, d =>
        {
            // Past the one minute of clock skew allowed.
            d.IssuedAt = d.NotBefore = d.IssuedAt!.Value.AddHours(-1);
            d.Expires = d.IssuedAt.Value.AddMinutes(58);
        }));

    [Fact]
    public Task Oidc_alg_none_is_rejected() =>
        AssertInvalidAsync("algorithm", nonce =>
        {
            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            var payload = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["iss"] = Idp.Issuer, ["aud"] = TestIdentityProvider.ClientId, ["sub"] = "forged-subject", ["nonce"] = nonce,
                ["iat"] = now, ["nbf"] = now, ["exp"] = now + 300,
            });
            // No signing credentials: header {"alg":"none"} and an empty signature.
            var token = new JsonWebTokenHandler().CreateToken(payload);
            Assert.Contains("\"alg\":\"none\"", Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[0])), StringComparison.Ordinal);
            return token;
        });

    [Fact]
    public Task Oidc_token_signed_with_the_client_secret_HS256_is_rejected() =>
        AssertInvalidAsync("algorithm", nonce => Idp.Issue(nonce, d => d.SigningCredentials = new SigningCredentials(
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestIdentityProvider.ClientSecret.PadRight(32, '!'))), SecurityAlgorithms.HmacSha256)));

    [Fact]
    public async Task Oidc_unknown_kid_is_rejected_after_one_key_set_refresh()
    {
        // The key set is cached from an earlier sign-in.
        using (var warm = await CallbackWithAsync(nonce => Idp.Issue(nonce)))
        {
            Assert.Equal(HttpStatusCode.Redirect, warm.StatusCode);
        }

        var before = Idp.KeySetReads;
        await AssertInvalidAsync("unknown_key", nonce => Idp.Issue(nonce, key: ForgingIdentityProvider.NewKey("k-unknown")));
        Assert.Equal(before + 1, Idp.KeySetReads);
    }

    [Fact]
    public Task Oidc_bad_signature_is_rejected() =>
        // Signed by another key under the published key's id.
        AssertInvalidAsync("signature", nonce => Idp.Issue(nonce, key: ForgingIdentityProvider.NewKey("k1")));

    [Fact]
    public Task Oidc_tampered_payload_is_rejected() =>
        AssertInvalidAsync("signature", nonce =>
        {
            var parts = Idp.Issue(nonce).Split('.');
            var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("forged-subject", "admin-subject", StringComparison.Ordinal);
            return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        });

    [Fact]
    public async Task Oidc_mismatched_nonce_is_rejected()
    {
        using var response = await CallbackWithAsync(_ => Idp.Issue("a-nonce-of-another-attempt"));
        await OidcSignInTests.AssertRefusedAsync(fixture.Server, response, "oidc_nonce_mismatch");
    }

    [Fact]
    public async Task Oidc_missing_nonce_is_rejected()
    {
        using var response = await CallbackWithAsync(nonce => Idp.Issue(nonce, d => d.Claims.Remove("nonce")));
        await OidcSignInTests.AssertRefusedAsync(fixture.Server, response, "oidc_nonce_mismatch");
    }

    [Fact]
    public async Task Oidc_failed_code_exchange_is_rejected()
    {
        using var response = await CallbackWithAsync(_ => null);
        await OidcSignInTests.AssertRefusedAsync(fixture.Server, response, "oidc_code_exchange_failed");
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_once_and_accepted()
    {
        await using var idp = await ForgingIdentityProvider.StartAsync();
        await using var server = await SlipwayTestServer.StartAsync(settings: idp.Settings());
        using (var first = await CallbackWithAsync(nonce => idp.Issue(nonce), server, idp))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var rotated = ForgingIdentityProvider.NewKey("k2");
        idp.PublishedKeys.Add(rotated);
        var before = idp.KeySetReads;
        using var second = await CallbackWithAsync(nonce => idp.Issue(nonce, key: rotated), server, idp);
        Assert.True(second.StatusCode == HttpStatusCode.Redirect, await second.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, idp.KeySetReads);
    }

    private async Task AssertInvalidAsync(string reason, Func<string, string> token)
    {
        using var response = await CallbackWithAsync(token);
        var body = await response.Content.ReadAsStringAsync();
        await OidcSignInTests.AssertRefusedAsync(fixture.Server, response, "oidc_invalid_token", Idp.NextIdToken);
        Assert.Equal(reason, JsonDocument.Parse(body).RootElement.GetProperty("reason").GetString());
    }

    private Task<HttpResponseMessage> CallbackWithAsync(Func<string, string?> token) => CallbackWithAsync(token, fixture.Server, Idp);

    /// <summary>Starts a sign-in, has the provider answer the token built for its nonce, and calls the callback.</summary>
    private static async Task<HttpResponseMessage> CallbackWithAsync(Func<string, string?> token, SlipwayTestServer server, ForgingIdentityProvider idp)
    {
        using var browser = new OidcBrowser(server.BaseAddress);
        var (authorize, cookie) = await browser.StartAsync();
        var query = OidcBrowser.Query(authorize);
        Assert.StartsWith(idp.Issuer + "/authorize?", authorize.ToString(), StringComparison.Ordinal);
        Assert.Equal("S256", query["code_challenge_method"]);
        idp.NextIdToken = token(query["nonce"]);
        return await browser.CallbackAsync(new Uri(server.BaseAddress, $"api/v1/auth/oidc/callback?code=some-code&state={Uri.EscapeDataString(query["state"])}"), cookie);
    }
}
