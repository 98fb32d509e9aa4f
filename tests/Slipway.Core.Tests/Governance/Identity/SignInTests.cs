using System.Net;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Identity;

public sealed class SignInTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task No_default_credentials_first_run_admin_has_no_password(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        var admin = await IdentityApi.Json(await api.Admin.GetAsync("api/v1/users/admin"));
        Assert.False(admin.GetProperty("has_password").GetBoolean());
        Assert.True(admin.GetProperty("is_admin").GetBoolean());
        foreach (var guess in new[] { "admin", "password", "", "slipway" })
        {
            using var response = await api.LoginAsync("admin", guess);
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"'{guess}': {response.StatusCode}");
        }

        // User creation needs a platform admin.
        using var anonymous = await api.Anonymous.PostAsJsonAsync("api/v1/users", new { name = "mallory", password = IdentityApi.Password, is_admin = true });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Generic_error_for_unknown_user_vs_bad_password(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("bob");
        await api.CreateUserAsync("nopass", password: null);

        using var unknown = await api.LoginAsync("nobody", IdentityApi.Password);
        using var wrong = await api.LoginAsync("bob", "not the right password");
        using var passwordless = await api.LoginAsync("nopass", "not the right password");
        foreach (var response in new[] { unknown, wrong, passwordless })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var body = await IdentityApi.Json(response);
            Assert.Equal("invalid_credentials", body.GetProperty("code").GetString());
            Assert.Equal("The user name or password is wrong.", body.GetProperty("detail").GetString());
            Assert.Null(IdentityApi.SetCookie(response));
        }

        var signedIn = await api.SignInAsync("BOB");
        using var whoami = await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", signedIn);
        var me = await IdentityApi.Json(whoami);
        Assert.Equal("bob", me.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("password", me.GetProperty("auth_method").GetString());
        Assert.False(me.GetProperty("mfa_enabled").GetBoolean());

        // The audit names the failures' outcome and never the password.
        var audit = await api.Admin.GetStringAsync("api/v1/audit/events?action=auth.login&limit=100");
        Assert.Contains("\"failure\"", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(IdentityApi.Password, audit, StringComparison.Ordinal);
        Assert.DoesNotContain("not the right password", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs, l => l.Contains(IdentityApi.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_throttling_and_lockout()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("carol");
        for (var i = 0; i < 5; i++)
        {
            using var failed = await api.LoginAsync("carol", "wrong password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        // Locked now, even with the right password, and with Retry-After.
        using var locked = await api.LoginAsync("carol", IdentityApi.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("login_throttled", await IdentityApi.Code(locked));
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // An unknown name is throttled the same way, so the lockout reveals nothing.
        for (var i = 0; i < 5; i++)
        {
            (await api.LoginAsync("ghost", "wrong password " + i)).Dispose();
        }

        using var ghost = await api.LoginAsync("ghost", "wrong password");
        Assert.Equal(HttpStatusCode.TooManyRequests, ghost.StatusCode);

        // Other users are not locked by carol's failures.
        await api.CreateUserAsync("dave");
        await api.SignInAsync("dave");
        var audit = await api.Admin.GetStringAsync("api/v1/audit/events?action=auth.lockout&limit=10");
        Assert.Contains("auth.lockout", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_from_one_address_are_throttled_across_user_names()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Auth:Login:MaxFailuresPerIp"] = "8" });
        using var api = new IdentityApi(server);
        for (var i = 0; i < 8; i++)
        {
            using var failed = await api.LoginAsync("user" + i, "wrong password");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var throttled = await api.LoginAsync("someone-else", "wrong password");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [Fact]
    public async Task Failures_that_lock_a_user_name_still_count_against_the_address()
    {
        // Each name locks on its second failure; the address must count that second failure too (6 in all, not 3).
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:Login:MaxFailuresPerUser"] = "2",
            ["Auth:Login:MaxFailuresPerIp"] = "6",
        });
        using var api = new IdentityApi(server);
        for (var i = 0; i < 3; i++)
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                using var failed = await api.LoginAsync("spread" + i, "wrong password " + attempt);
                Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            }
        }

        using var throttled = await api.LoginAsync("fresh-name", "wrong password");
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    [Fact]
    public async Task Cookie_flags_set()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("erin");
        using var response = await api.LoginAsync("erin", IdentityApi.Password);
        var header = IdentityApi.SetCookie(response);
        Assert.NotNull(header);
        var attributes = header.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.StartsWith("__Host-slipway_session=", header, StringComparison.Ordinal);
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        var body = await IdentityApi.Json(response);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("csrf_token").GetString()));
        Assert.DoesNotContain(IdentityApi.SessionCookie(response)!, body.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Session_fixation_id_rotates_on_login(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("frank");
        var first = await api.SignInAsync("frank");

        // Signing in while presenting a session (the attacker's planted one, or one's own) issues a new one.
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/login")
        {
            Content = JsonContent.Create(new { username = "frank", password = IdentityApi.Password }),
        };
        request.Headers.Add("Cookie", $"__Host-slipway_session={first.Cookie}");
        using var again = await api.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = IdentityApi.SessionCookie(again);
        Assert.NotNull(second);
        Assert.NotEqual(first.Cookie, second);
        Assert.NotEqual(first.Csrf, (await IdentityApi.Json(again)).GetProperty("csrf_token").GetString());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Logout_invalidates_server_side(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("grace");
        var session = await api.SignInAsync("grace");
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", session)).StatusCode);

        using var logout = await api.SendAsync(HttpMethod.Post, "api/v1/auth/logout", session);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        // The old cookie, replayed as-is, no longer works.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", session)).StatusCode);
        var audit = await api.Admin.GetStringAsync("api/v1/audit/events?action=auth.logout");
        Assert.Contains("grace", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csrf_token_required_for_cookie_authenticated_state_changes()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("heidi");
        var session = await api.SignInAsync("heidi");
        using var missing = await api.SendAsync(HttpMethod.Post, "api/v1/auth/logout", session, csrf: false);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        using var wrong = await api.SendAsync(HttpMethod.Post, "api/v1/auth/logout", session with { Csrf = "forged" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        // Reads need no token, and the session survived the refused changes.
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", session, csrf: false)).StatusCode);
    }

    [Fact]
    public async Task Mass_assignment_is_admin_on_a_self_service_route_is_a_400_naming_the_field()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("ivan");
        var session = await api.SignInAsync("ivan");
        using var response = await api.SendAsync(HttpMethod.Post, "api/v1/users/me/password", session,
            new { current_password = IdentityApi.Password, new_password = "another long passphrase", is_admin = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await IdentityApi.Json(response);
        Assert.Equal("unknown_field", body.GetProperty("code").GetString());
        Assert.Contains("is_admin", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var me = await IdentityApi.Json(await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", session));
        Assert.False(me.GetProperty("user").GetProperty("is_admin").GetBoolean());
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Changing_a_password_needs_the_current_one_and_ends_the_other_sessions(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("judy");
        var laptop = await api.SignInAsync("judy");
        var phone = await api.SignInAsync("judy");

        using var wrong = await api.SendAsync(HttpMethod.Post, "api/v1/users/me/password", laptop, new { current_password = "not it at all", new_password = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var weak = await api.SendAsync(HttpMethod.Post, "api/v1/users/me/password", laptop, new { current_password = IdentityApi.Password, new_password = "password1234" });
        Assert.Equal("password_too_common", await IdentityApi.Code(weak));
        using var changed = await api.SendAsync(HttpMethod.Post, "api/v1/users/me/password", laptop, new { current_password = IdentityApi.Password, new_password = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", laptop)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", phone)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.LoginAsync("judy", IdentityApi.Password)).StatusCode);
        await api.SignInAsync("judy", "a brand new passphrase");
    }

    [Fact]
    public async Task Admins_cannot_sign_in_with_a_password_until_mfa_is_enrolled()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var api = new IdentityApi(server);
        (await api.Admin.PutAsJsonAsync("api/v1/users/admin/password", new { password = IdentityApi.Password })).EnsureSuccessStatusCode();
        using var response = await api.LoginAsync("admin", IdentityApi.Password);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("mfa_enrollment_required", await IdentityApi.Code(response));
        Assert.Null(IdentityApi.SetCookie(response));
    }
}
