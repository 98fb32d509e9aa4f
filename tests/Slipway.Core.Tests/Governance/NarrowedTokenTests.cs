using System.Net;
using System.Text.Json;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Identity;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance;

/// <summary>
/// A token narrowed by a workspace binding or a ceiling below MANAGE keeps its limits on the self-service routes:
/// an admin's narrowed token is no platform admin there, and no narrowed token changes credentials, enrols MFA or
/// mints tokens. A token made with a token never outlives it.
/// </summary>
public sealed class NarrowedTokenTests
{
    [Fact]
    public async Task An_admin_token_with_a_ceiling_or_a_workspace_is_not_a_platform_admin_on_self_service_routes()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        var bob = await TestPrincipals.CreateUserAsync(server, "bob");
        using var bobClient = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, bob, "bob"));
        var bobToken = (await bobClient.GetFromJsonAsync<JsonElement>("api/v1/tokens"))[0].GetProperty("id").GetInt64();
        var narrowed = new[]
        {
            await TestPrincipals.CreateTokenAsync(server, User.AdminId, "admin", maxPermission: Permission.Read),
            await TestPrincipals.CreateTokenAsync(server, User.AdminId, "admin", maxPermission: Permission.Edit),
            await TestPrincipals.CreateTokenAsync(server, User.AdminId, "admin", workspaceId: Workspace.DefaultId),
        };

        foreach (var secret in narrowed)
        {
            using var client = server.CreateClient(secret);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/v1/tokens?all=true")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"api/v1/tokens/{bobToken}")).StatusCode);
            using var other = await client.GetAsync("api/2.0/mlflow/users/get?username=bob");
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/2.0/mlflow/users/get?username=admin")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await bobClient.GetAsync("api/v1/tokens")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/v1/tokens?all=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/2.0/mlflow/users/get?username=bob")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync($"api/v1/tokens/{bobToken}")).StatusCode);
    }

    [Fact]
    public async Task A_narrowed_token_cannot_change_the_password_touch_mfa_step_up_or_mint_a_token()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        var carol = await TestPrincipals.CreateUserAsync(server, "carol");
        var narrowed = new[]
        {
            await TestPrincipals.CreateTokenAsync(server, carol, "carol", maxPermission: Permission.Edit),
            await TestPrincipals.CreateTokenAsync(server, carol, "carol", workspaceId: Workspace.DefaultId, maxPermission: Permission.Manage),
            await TestPrincipals.CreateTokenAsync(server, User.AdminId, "admin", maxPermission: Permission.Read),
        };
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, "api/v1/users/me/password", new { current_password = "x", new_password = "a much longer new password" }),
            (HttpMethod.Post, "api/v1/users/me/mfa/totp", null),
            (HttpMethod.Post, "api/v1/users/me/mfa/totp/confirm", new { code = "123456" }),
            (HttpMethod.Post, "api/v1/users/me/mfa/recovery-codes", null),
            (HttpMethod.Delete, "api/v1/users/me/mfa", null),
            (HttpMethod.Post, "api/v1/auth/step-up", new { code = "123456" }),
            (HttpMethod.Post, "api/v1/tokens", new { name = "fresh" }),
        };

        foreach (var secret in narrowed)
        {
            using var client = server.CreateClient(secret);
            foreach (var (method, path, body) in calls)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode} {text}");
                Assert.Equal("narrowed_token", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
            }
        }

        // The same routes still serve a token that carries its owner's full rights.
        using var full = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, carol, "carol"));
        Assert.Equal(HttpStatusCode.OK, (await full.PostAsync("api/v1/users/me/mfa/totp", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await full.PostAsJsonAsync("api/v1/tokens", new { name = "fresh" })).StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_token_made_with_a_token_expires_no_later_than_the_token_that_made_it(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:AllowNonExpiringTokens"] = "true" });
        var now = TimeProvider.System.GetUtcNow();
        var parentExpiry = now.AddDays(2).ToUnixTimeMilliseconds();
        using var parent = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, User.AdminId, "admin", expiresAt: parentExpiry));
        var earlier = now.AddDays(1).ToUnixTimeMilliseconds();

        Assert.Equal(parentExpiry, await ExpiryAsync(parent, new { name = "default-lifetime" }));
        Assert.Equal(parentExpiry, await ExpiryAsync(parent, new { name = "later", expires_at = now.AddDays(30).ToUnixTimeMilliseconds() }));
        Assert.Equal(parentExpiry, await ExpiryAsync(parent, new { name = "forever", never_expires = true }));
        Assert.Equal(earlier, await ExpiryAsync(parent, new { name = "earlier", expires_at = earlier }));

        // Without a token (here: a non-expiring one) nothing is capped.
        using var unbounded = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, User.AdminId, "admin"));
        var lifetime = await ExpiryAsync(unbounded, new { name = "ninety-days" }) - now.ToUnixTimeMilliseconds();
        Assert.Equal(TimeSpan.FromDays(90).TotalMilliseconds, lifetime!.Value, tolerance: 60_000);
    }

    private static async Task<long?> ExpiryAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("api/v1/tokens", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        var expiry = JsonDocument.Parse(body).RootElement.GetProperty("token").GetProperty("expires_at");
        return expiry.ValueKind == JsonValueKind.Null ? null : expiry.GetInt64();
    }
}
