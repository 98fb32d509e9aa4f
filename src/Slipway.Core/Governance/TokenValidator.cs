using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance;

/// <summary>
/// Turns a presented token into a principal. Results are cached for <see cref="AuthOptions.TokenCacheSeconds"/>
/// by hash (never by the token itself), so a revocation, an owner's deactivation or an expiry reaches every replica
/// within that time.
/// </summary>
public sealed class TokenValidator(IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly TimeSpan cacheTime = TimeSpan.FromSeconds(options.Value.TokenCacheSeconds);

    public async Task<SlipwayPrincipal?> ValidateAsync(string token, string authMethod, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if (!TokenFormat.IsWellFormed(token))
        {
            return null;
        }

        var hash = TokenFormat.Hash(token);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (cache.TryGetValue(CacheKey(hash), out CachedToken? cached) && cached is not null)
        {
            return cached.Principal is null || (cached.ExpiresAt is { } exp && exp <= now) ? null : cached.Principal with { AuthMethod = authMethod };
        }

        var row = await (
                from t in db.ApiTokens.AsNoTracking()
                join u in db.Users.AsNoTracking() on t.UserId equals u.Id
                where t.Hash == hash && t.RevokedAt == null && u.Active
                select new { t.Id, t.UserId, u.Name, u.Kind, u.IsAdmin, t.WorkspaceId, t.MaxPermission, t.ExpiresAt })
            .FirstOrDefaultAsync(cancellationToken);
        var principal = row is null
            ? null
            : new SlipwayPrincipal(row.UserId, row.Name, row.IsAdmin, authMethod)
            {
                Kind = row.Kind,
                TokenId = row.Id,
                TokenWorkspaceId = row.WorkspaceId,
                TokenMaxPermission = row.MaxPermission,
            };
        if (cacheTime > TimeSpan.Zero)
        {
            cache.Set(CacheKey(hash), new CachedToken(principal, row?.ExpiresAt), cacheTime);
        }

        return row?.ExpiresAt is { } expiry && expiry <= now ? null : principal;
    }

    /// <summary>Forgets a token on this replica at once; other replicas forget it within the cache time.</summary>
    public void Forget(string hash) => cache.Remove(CacheKey(hash));

    private static string CacheKey(string hash) => "token:" + hash;

    private sealed record CachedToken(SlipwayPrincipal? Principal, long? ExpiresAt);
}
