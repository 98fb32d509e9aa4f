using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OtpNet;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Identity;

/// <summary>A signed-in browser session as a test sees it: the cookie value and the anti-forgery token.</summary>
internal sealed record TestSession(string Cookie, string Csrf);

/// <summary>
/// Calls the identity API as a browser would. Cookies are handled by hand: HttpClient does not send a Secure
/// cookie over the loopback's plain HTTP, and the tests want to see the exact Set-Cookie header anyway.
/// </summary>
internal sealed class IdentityApi(SlipwayTestServer server) : IDisposable
{
    public const string Password = "correct battery staple horse";

    private readonly HttpClient anonymous = new(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };

    public HttpClient Admin => server.Client;

    public HttpClient Anonymous => anonymous;

    public async Task<HttpResponseMessage> LoginAsync(string username, string password, string? totp = null, string? recovery = null) =>
        await anonymous.PostAsJsonAsync("api/v1/auth/login", new { username, password, totp_code = totp, recovery_code = recovery });

    public async Task<TestSession> SignInAsync(string username, string password = Password, string? totp = null, string? recovery = null)
    {
        using var response = await LoginAsync(username, password, totp, recovery);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return new TestSession(SessionCookie(response)!, (await Json(response)).GetProperty("csrf_token").GetString()!);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, TestSession session, object? body = null, bool csrf = true)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", $"__Host-slipway_session={session.Cookie}");
        if (csrf)
        {
            request.Headers.Add("X-CSRF-Token", session.Csrf);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return anonymous.SendAsync(request);
    }

    public async Task CreateUserAsync(string name, string? password = Password, bool admin = false)
    {
        using var response = await Admin.PostAsJsonAsync("api/v1/users", new { name, password, is_admin = admin });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Gives the admin a password and enrols TOTP for them with the admin token; returns the base32 secret.</summary>
    public async Task<(string Secret, List<string> RecoveryCodes)> EnrolAdminAsync(FakeTimeProvider clock)
    {
        (await Admin.PutAsJsonAsync("api/v1/users/admin/password", new { password = Password })).EnsureSuccessStatusCode();
        using var started = await Admin.PostAsync("api/v1/users/me/mfa/totp", content: null);
        var enrolment = await Json(started);
        var secret = enrolment.GetProperty("secret").GetString()!;
        using var confirmed = await Admin.PostAsJsonAsync("api/v1/users/me/mfa/totp/confirm", new { code = Code(secret, clock, 0) });
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var codes = (await Json(confirmed)).GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        // Later codes must be of later steps than the one used to confirm.
        clock.Advance(TimeSpan.FromMinutes(5));
        return (secret, codes);
    }

    /// <summary>The TOTP code of the step <paramref name="stepOffset"/> steps away from the server's clock.</summary>
    public static string Code(string secret, FakeTimeProvider clock, int stepOffset) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime.AddSeconds(30 * stepOffset));

    public static string? SessionCookie(HttpResponseMessage response) =>
        SetCookie(response) is { } header ? header.Split(';')[0].Split('=', 2)[1] : null;

    public static string? SetCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(v => v.StartsWith("__Host-slipway_session=", StringComparison.Ordinal)) : null;

    public static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<string?> Code(HttpResponseMessage response) =>
        (await Json(response)).TryGetProperty("code", out var code) ? code.GetString() : null;

    public void Dispose() => anonymous.Dispose();
}
