using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Identity;

public sealed class MfaTests
{
    private static async Task<(SlipwayTestServer Server, FakeTimeProvider Clock)> StartAsync(Provider provider = Provider.Sqlite)
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var server = await SlipwayTestServer.StartAsync(provider, configure: b => b.Services.AddSingleton<TimeProvider>(clock));
        return (server, clock);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Enrolment_shows_the_secret_once_and_needs_a_valid_code_to_activate(Provider provider)
    {
        var (server, clock) = await StartAsync(provider);
        await using var _ = server;
        using var api = new IdentityApi(server);
        using var started = await api.Admin.PostAsync("api/v1/users/me/mfa/totp", content: null);
        var enrolment = await IdentityApi.Json(started);
        var secret = enrolment.GetProperty("secret").GetString()!;
        Assert.Equal(32, secret.Length);
        Assert.Equal($"otpauth://totp/Slipway:admin?secret={secret}&issuer=Slipway", enrolment.GetProperty("otpauth_uri").GetString());
        Assert.False((await IdentityApi.Json(await api.Admin.GetAsync("api/v1/users/admin"))).GetProperty("mfa_enabled").GetBoolean());

        using var wrong = await api.Admin.PostAsJsonAsync("api/v1/users/me/mfa/totp/confirm", new { code = IdentityApi.Code(secret, clock, 3) });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using var confirmed = await api.Admin.PostAsJsonAsync("api/v1/users/me/mfa/totp/confirm", new { code = IdentityApi.Code(secret, clock, 0) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var codes = (await IdentityApi.Json(confirmed)).GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[a-z2-7]{5}-[a-z2-7]{4}-[a-z2-7]{4}$", c));
        Assert.Equal(10, codes.Distinct().Count());

        var admin = await IdentityApi.Json(await api.Admin.GetAsync("api/v1/users/admin"));
        Assert.True(admin.GetProperty("mfa_enabled").GetBoolean());
        Assert.DoesNotContain(secret, admin.GetRawText(), StringComparison.Ordinal);
        using var again = await api.Admin.PostAsync("api/v1/users/me/mfa/totp", content: null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var audit = await api.Admin.GetStringAsync("api/v1/audit/events?limit=200");
        Assert.Contains("user.mfa.confirm", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        Assert.All(codes, c => Assert.DoesNotContain(c, audit, StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs, l => l.Contains(secret, StringComparison.Ordinal) || codes.Any(c => l.Contains(c, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Totp_code_from_t_plus_minus_1_accepted_t_plus_minus_2_rejected()
    {
        var (server, clock) = await StartAsync();
        await using var _ = server;
        using var api = new IdentityApi(server);
        var (secret, _) = await api.EnrolAdminAsync(clock);

        foreach (var offset in new[] { -2, 2 })
        {
            using var refused = await api.LoginAsync("admin", IdentityApi.Password, IdentityApi.Code(secret, clock, offset));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("invalid_mfa_code", await IdentityApi.Code(refused));
        }

        var late = await api.SignInAsync("admin", totp: IdentityApi.Code(secret, clock, -1));
        clock.Advance(TimeSpan.FromMinutes(2));
        var early = await api.SignInAsync("admin", totp: IdentityApi.Code(secret, clock, 1));
        var me = await IdentityApi.Json(await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", early));
        Assert.Equal("password+totp", me.GetProperty("auth_method").GetString());
        Assert.True(me.GetProperty("mfa_enabled").GetBoolean());
        Assert.NotEqual(late.Cookie, early.Cookie);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Totp_same_code_twice_rejected(Provider provider)
    {
        var (server, clock) = await StartAsync(provider);
        await using var _ = server;
        using var api = new IdentityApi(server);
        var (secret, _) = await api.EnrolAdminAsync(clock);
        var code = IdentityApi.Code(secret, clock, 0);
        await api.SignInAsync("admin", totp: code);
        using var replayed = await api.LoginAsync("admin", IdentityApi.Password, code);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        // An older step is refused too once a newer one was used.
        using var older = await api.LoginAsync("admin", IdentityApi.Password, IdentityApi.Code(secret, clock, -1));
        Assert.Equal(HttpStatusCode.Unauthorized, older.StatusCode);

        // Two concurrent uses of one fresh code: exactly one wins.
        clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = IdentityApi.Code(secret, clock, 0);
        var both = await Task.WhenAll(api.LoginAsync("admin", IdentityApi.Password, fresh), api.LoginAsync("admin", IdentityApi.Password, fresh));
        Assert.Equal(1, both.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, both.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Recovery_code_single_use(Provider provider)
    {
        var (server, clock) = await StartAsync(provider);
        await using var _ = server;
        using var api = new IdentityApi(server);
        var (_, codes) = await api.EnrolAdminAsync(clock);
        // Case and hyphens do not matter.
        await api.SignInAsync("admin", recovery: codes[0].ToUpperInvariant().Replace("-", "", StringComparison.Ordinal));
        using var reused = await api.LoginAsync("admin", IdentityApi.Password, recovery: codes[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        await api.SignInAsync("admin", recovery: codes[1]);
        var audit = await api.Admin.GetStringAsync("api/v1/audit/events?action=user.recovery_code.use");
        Assert.Contains("\"remaining\":8", audit, StringComparison.Ordinal);

        // Regenerating replaces the whole set.
        using var regenerated = await api.Admin.PostAsJsonAsync("api/v1/users/me/mfa/recovery-codes", new { recovery_code = codes[2] });
        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        using var old = await api.LoginAsync("admin", IdentityApi.Password, recovery: codes[3]);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        var fresh = (await IdentityApi.Json(regenerated)).GetProperty("recovery_codes")[0].GetString()!;
        await api.SignInAsync("admin", recovery: fresh);
    }

    [Fact]
    public async Task Brute_force_of_codes_is_throttled()
    {
        var (server, clock) = await StartAsync();
        await using var _ = server;
        using var api = new IdentityApi(server);
        var (secret, _) = await api.EnrolAdminAsync(clock);
        var right = IdentityApi.Code(secret, clock, 0);
        var wrongCodes = Enumerable.Range(0, 1_000_000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .Where(c => c != right && c != IdentityApi.Code(secret, clock, -1) && c != IdentityApi.Code(secret, clock, 1)).Take(5).ToList();
        var statuses = new List<HttpStatusCode>();
        foreach (var code in wrongCodes)
        {
            using var response = await api.LoginAsync("admin", IdentityApi.Password, code);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        using var locked = await api.LoginAsync("admin", IdentityApi.Password, right);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("mfa_throttled", await IdentityApi.Code(locked));
        Assert.NotNull(locked.Headers.RetryAfter);

        clock.Advance(TimeSpan.FromMinutes(6));
        await api.SignInAsync("admin", totp: IdentityApi.Code(secret, clock, 0));
    }

    [Fact]
    public async Task Mfa_disable_requires_step_up()
    {
        var (server, clock) = await StartAsync();
        await using var _ = server;
        using var api = new IdentityApi(server);
        var (secret, _) = await api.EnrolAdminAsync(clock);

        using var bare = await api.Admin.DeleteAsync("api/v1/users/me/mfa");
        Assert.True(bare.StatusCode == HttpStatusCode.BadRequest, await bare.Content.ReadAsStringAsync());
        using var noPassword = await Delete(api, new { code = IdentityApi.Code(secret, clock, 0) });
        Assert.Equal(HttpStatusCode.BadRequest, noPassword.StatusCode);
        using var wrongCode = await Delete(api, new { code = "000000", password = IdentityApi.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        using var wrongPassword = await Delete(api, new { code = IdentityApi.Code(secret, clock, 0), password = "not the password at all" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        Assert.True((await IdentityApi.Json(await api.Admin.GetAsync("api/v1/users/admin"))).GetProperty("mfa_enabled").GetBoolean());

        using var disabled = await Delete(api, new { code = IdentityApi.Code(secret, clock, 0), password = IdentityApi.Password });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.False((await IdentityApi.Json(disabled)).GetProperty("mfa_enabled").GetBoolean());
        // An admin without MFA is back to token-only.
        Assert.Equal("mfa_enrollment_required", await IdentityApi.Code(await api.LoginAsync("admin", IdentityApi.Password)));
        Assert.Contains("user.mfa.disable", await api.Admin.GetStringAsync("api/v1/audit/events?action=user.mfa.disable"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_up_marks_the_session_and_is_refused_for_tokens()
    {
        var (server, clock) = await StartAsync();
        await using var _ = server;
        using var api = new IdentityApi(server);
        var (secret, _) = await api.EnrolAdminAsync(clock);

        using var token = await api.Admin.PostAsJsonAsync("api/v1/auth/step-up", new { code = IdentityApi.Code(secret, clock, 0) });
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Equal("step_up_needs_session", await IdentityApi.Code(token));

        var session = await api.SignInAsync("admin", totp: IdentityApi.Code(secret, clock, 0));
        clock.Advance(TimeSpan.FromMinutes(20));
        // Regenerating recovery codes needs a recent second factor: the sign-in's is now too old.
        using var stale = await api.SendAsync(HttpMethod.Post, "api/v1/users/me/mfa/recovery-codes", session);
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal("MFA_STEP_UP_REQUIRED", await IdentityApi.Code(stale));

        using var stepped = await api.SendAsync(HttpMethod.Post, "api/v1/auth/step-up", session, new { code = IdentityApi.Code(secret, clock, 0) });
        Assert.Equal(HttpStatusCode.OK, stepped.StatusCode);
        using var fresh = await api.SendAsync(HttpMethod.Post, "api/v1/users/me/mfa/recovery-codes", session);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task An_admin_reset_turns_mfa_off_and_ends_the_users_sessions()
    {
        var (server, clock) = await StartAsync();
        await using var _ = server;
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("kim");
        var session = await api.SignInAsync("kim");
        using var started = await api.SendAsync(HttpMethod.Post, "api/v1/users/me/mfa/totp", session);
        var secret = (await IdentityApi.Json(started)).GetProperty("secret").GetString()!;
        using var confirmed = await api.SendAsync(HttpMethod.Post, "api/v1/users/me/mfa/totp/confirm", session, new { code = IdentityApi.Code(secret, clock, 0) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("mfa_required", await IdentityApi.Code(await api.LoginAsync("kim", IdentityApi.Password)));

        using var reset = await api.Admin.DeleteAsync("api/v1/users/kim/mfa");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", session)).StatusCode);
        await api.SignInAsync("kim");
        Assert.Contains("user.mfa.reset", await api.Admin.GetStringAsync("api/v1/audit/events?action=user.mfa.reset"), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Delete(IdentityApi api, object body) =>
        api.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/v1/users/me/mfa") { Content = JsonContent.Create(body) });
}
