using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Slipway.Core.Governance.Oidc;

/// <summary>
/// The short-lived cookie <c>__Host-slipway_oidc</c> that carries an <see cref="OidcLoginState"/> from the login
/// redirect to the callback: Data Protection makes it unreadable and unforgeable, <c>__Host-</c> with Secure and
/// Path=/ stops a sibling domain from planting one, and SameSite=Lax lets the identity provider's top-level redirect
/// back bring it along. It is valid for <see cref="Lifetime"/> and deleted by the callback whatever the outcome.
/// </summary>
public sealed class OidcLoginCookie(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Name = "__Host-slipway_oidc";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector protector = protection.CreateProtector("Slipway.Governance.Oidc.LoginState.v1");

    public void Write(HttpContext context, OidcLoginState state)
    {
        var payload = protector.Protect(JsonSerializer.SerializeToUtf8Bytes(state));
        context.Response.Cookies.Append(Name, Base64Url.EncodeToString(payload), Options(Lifetime));
    }

    /// <summary>The state of the request's cookie, or null when it is missing, forged, unreadable or expired.</summary>
    public OidcLoginState? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return null;
        }

        OidcLoginState? state;
        try
        {
            state = JsonSerializer.Deserialize<OidcLoginState>(protector.Unprotect(Base64Url.DecodeFromChars(value)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }

        var age = time.GetUtcNow().ToUnixTimeMilliseconds() - (state?.CreatedAt ?? 0);
        return state is not null && age >= 0 && age <= Lifetime.TotalMilliseconds ? state : null;
    }

    public static void Delete(HttpContext context) => context.Response.Cookies.Delete(Name, Options(null));

    private static CookieOptions Options(TimeSpan? maxAge) => new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };
}
