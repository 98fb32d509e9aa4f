using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance;

/// <summary>What authentication concluded about a request.</summary>
public sealed record AuthenticationResult(SlipwayPrincipal? Principal, string? Failure)
{
    public static AuthenticationResult Anonymous { get; } = new(Principal: null, Failure: null);
}

/// <summary>
/// Finds who is calling: an API token (<c>Authorization: Bearer</c>, or HTTP Basic with the token as the password,
/// which is what the stock MLflow clients send), else the browser session cookie. Passwords are never accepted
/// here: they only open a session through the sign-in route, where MFA applies.
/// </summary>
public sealed class Authenticator(TokenValidator tokens, UserSessions sessions)
{
    public async Task<AuthenticationResult> AuthenticateAsync(HttpContext context, SlipwayDbContext db)
    {
        var (token, method) = ReadToken(context.Request);
        if (token is not null)
        {
            var principal = await tokens.ValidateAsync(token, method, db, context.RequestAborted);
            return principal is null ? new AuthenticationResult(null, "The token is invalid, expired or revoked.") : new AuthenticationResult(principal, null);
        }

        if (context.Request.Headers.Authorization.Count > 0)
        {
            return new AuthenticationResult(null, "The Authorization header is not a Bearer token or Basic credentials with a token as the password.");
        }

        var session = await sessions.AuthenticateAsync(context, context.RequestAborted);
        if (session.Principal is not null)
        {
            return new AuthenticationResult(session.Principal, null);
        }

        if (session.CsrfMissing)
        {
            return new AuthenticationResult(null, $"A change made with the session cookie must send the session's anti-forgery token in {UserSessions.CsrfHeader}.");
        }

        return session.Presented ? new AuthenticationResult(null, "The session is unknown, expired or signed out.") : AuthenticationResult.Anonymous;
    }

    internal static (string? Token, string Method) ReadToken(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Parameter is null)
        {
            return (null, AuthMethods.Token);
        }

        if (header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return (header.Parameter, AuthMethods.Token);
        }

        if (header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return (colon < 0 ? null : decoded[(colon + 1)..], AuthMethods.Basic);
            }
            catch (FormatException)
            {
                return (null, AuthMethods.Basic);
            }
        }

        return (null, AuthMethods.Token);
    }
}
