using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Identity;

/// <summary>The secrets of a new session: the cookie value and the anti-forgery token, each shown once.</summary>
public sealed record IssuedSession(UserSession Session, string CsrfToken);

/// <summary>
/// Server-side browser sessions. The cookie <c>__Host-slipway_session</c> (Secure, HttpOnly, SameSite=Strict,
/// Path=/) holds a random secret whose SHA-256 is the row's key. A state-changing request made with the cookie must
/// echo the session's anti-forgery token in <c>X-CSRF-Token</c>. Signing in always issues a new session (no
/// fixation); logout revokes it server-side.
/// </summary>
public sealed class UserSessions(SlipwayDbContext db, TimeProvider time, IOptions<SessionOptions> options)
{
    public const string CookieName = "__Host-slipway_session";
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>
    /// Starts a session for <paramref name="user"/> and sets the cookie. The caller records the sign-in audit event
    /// in the same transaction when it has one open; the session row is saved here.
    /// </summary>
    public async Task<IssuedSession> IssueAsync(HttpContext context, long userId, string authMethod, long? mfaAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var secret = RandomSecret();
        var csrf = RandomSecret();
        var session = new UserSession
        {
            Hash = Hash(secret),
            UserId = userId,
            AuthMethod = authMethod,
            MfaAt = mfaAt,
            CsrfHash = Hash(csrf),
            CreatedAt = now.ToUnixTimeMilliseconds(),
            LastSeenAt = now.ToUnixTimeMilliseconds(),
            AbsoluteExpiresAt = now.AddHours(options.Value.AbsoluteHours).ToUnixTimeMilliseconds(),
            Ip = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(context.Request.Headers.UserAgent.ToString(), 512),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);

        // A session cookie (no Expires): the browser forgets it when it closes; the server enforces both expiries.
        context.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            Secure = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });
        return new IssuedSession(session, csrf);
    }

    /// <summary>
    /// The principal of the request's session cookie, or null when there is none, it is unknown, expired, revoked,
    /// its user is deactivated, or (for a state change) the anti-forgery token is missing or wrong.
    /// </summary>
    public async Task<SessionCheck> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var secret) || string.IsNullOrEmpty(secret) || secret.Length > 128)
        {
            return SessionCheck.None;
        }

        var hash = Hash(secret);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var idle = (long)TimeSpan.FromMinutes(options.Value.IdleMinutes).TotalMilliseconds;
        var row = await (
                from s in db.UserSessions.AsNoTracking()
                join u in db.Users.AsNoTracking() on s.UserId equals u.Id
                where s.Hash == hash && s.RevokedAt == null && u.Active
                select new { s.Id, s.UserId, s.AuthMethod, s.MfaAt, s.CsrfHash, s.LastSeenAt, s.AbsoluteExpiresAt, u.Name, u.IsAdmin, u.Kind })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.AbsoluteExpiresAt <= now || row.LastSeenAt + idle <= now)
        {
            return SessionCheck.Invalid;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
        {
            var presented = context.Request.Headers[CsrfHeader].ToString();
            if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(row.CsrfHash)))
            {
                return SessionCheck.CsrfFailed;
            }
        }

        // Sliding idle expiry: touched at most once a minute so that reads do not all write.
        if (now - row.LastSeenAt > 60_000)
        {
            await db.UserSessions.Where(s => s.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return new SessionCheck(new SlipwayPrincipal(row.UserId, row.Name, row.IsAdmin, row.AuthMethod)
        {
            Kind = row.Kind,
            SessionId = row.Id,
            MfaAt = row.MfaAt,
        });
    }

    /// <summary>Ends one session server-side and clears the cookie.</summary>
    public async Task RevokeAsync(HttpContext context, long sessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), cancellationToken);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
    }

    /// <summary>Ends every session of a user (password change, deactivation, MFA reset).</summary>
    public Task<int> RevokeAllAsync(long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), cancellationToken);
    }

    /// <summary>Records a second factor proved now in this session (step-up).</summary>
    public Task MarkMfaAsync(long sessionId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.MfaAt, now), cancellationToken);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string RandomSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}

/// <summary>The outcome of reading the session cookie.</summary>
public sealed record SessionCheck(SlipwayPrincipal? Principal, bool Presented = true, bool CsrfMissing = false)
{
    public static SessionCheck None { get; } = new(Principal: null, Presented: false);

    public static SessionCheck Invalid { get; } = new(Principal: null);

    public static SessionCheck CsrfFailed { get; } = new(Principal: null, CsrfMissing: true);
}
