using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Slipway.Core.Tests.Governance.Oidc;

/// <summary>
/// Plays the browser in a single sign-on: follows redirects by hand between Slipway and the identity provider.
/// Slipway's cookies are <c>__Host-</c> and Secure, which HttpClient's cookie container will not send over plain
/// http, so they are carried explicitly (<see cref="Cookie"/>); the provider's cookies live in a container.
/// </summary>
public sealed class OidcBrowser : IDisposable
{
    public const string LoginCookie = "__Host-slipway_oidc";
    public const string SessionCookie = "__Host-slipway_session";

    private readonly HttpClient slipway;

    public OidcBrowser(Uri slipwayAddress)
    {
        slipway = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = slipwayAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>GET the login route; answers the authorization URL and the login-state cookie it set.</summary>
    public async Task<(Uri Authorize, string Cookie)> StartAsync(string returnTo = "/after-login")
    {
        using var response = await slipway.GetAsync("api/v1/auth/oidc/login?return_to=" + Uri.EscapeDataString(returnTo));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var header = SetCookie(response, LoginCookie);
        Assert.NotNull(header);
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", header, StringComparison.OrdinalIgnoreCase);
        return (response.Headers.Location!, Cookie(header));
    }

    /// <summary>Signs in at the identity provider as <paramref name="user"/>; answers the redirect back to Slipway.</summary>
    /// <remarks>Each sign-in starts a fresh session at the provider, as a new private window would.</remarks>
    public static async Task<Uri> AuthorizeAsync(Uri authorize, string user, string groups = "", string amr = "pwd")
    {
        using var idp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { Timeout = TimeSpan.FromSeconds(30) };
        var interaction = await RedirectAsync(idp, authorize);
        var resume = await RedirectAsync(idp, new Uri(interaction, $"{interaction.AbsolutePath}?user={user}&groups={Uri.EscapeDataString(groups)}&amr={amr}"));
        var callback = await RedirectAsync(idp, resume);
        Assert.True(callback.AbsolutePath == "/api/v1/auth/oidc/callback", $"{authorize} -> {interaction} -> {resume} -> {callback}");
        return callback;
    }

    /// <summary>Calls Slipway's callback with the query the provider sent and, when given, the login-state cookie.</summary>
    public async Task<HttpResponseMessage> CallbackAsync(Uri callback, string? loginCookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, callback.PathAndQuery.TrimStart('/'));
        if (loginCookie is not null)
        {
            request.Headers.Add("Cookie", loginCookie);
        }

        return await slipway.SendAsync(request);
    }

    /// <summary>The whole flow; answers the callback's response.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string user, string groups = "", string amr = "pwd", string returnTo = "/after-login")
    {
        var (authorize, cookie) = await StartAsync(returnTo);
        return await CallbackAsync(await AuthorizeAsync(authorize, user, groups, amr), cookie);
    }

    /// <summary>A request to Slipway authenticated by the session cookie only.</summary>
    public async Task<HttpResponseMessage> GetWithSessionAsync(string path, string sessionCookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", sessionCookie);
        return await slipway.SendAsync(request);
    }

    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.LastOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;

    /// <summary>The <c>name=value</c> part of a Set-Cookie header, as a browser sends it back.</summary>
    public static string Cookie(string setCookie) => setCookie.Split(';')[0];

    public static Dictionary<string, string> Query(Uri uri) =>
        QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public static Uri WithQuery(Uri uri, string key, string? value)
    {
        var query = Query(uri);
        if (value is null)
        {
            query.Remove(key);
        }
        else
        {
            query[key] = value;
        }

        return new Uri(QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query!));
    }

    public void Dispose()
    {
        slipway.Dispose();
    }

    private static async Task<Uri> RedirectAsync(HttpClient idp, Uri uri)
    {
        using var response = await idp.GetAsync(uri);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 300 and < 400, $"{uri} answered {(int)response.StatusCode}: {body}");
        return new Uri(uri, response.Headers.Location!);
    }
}
