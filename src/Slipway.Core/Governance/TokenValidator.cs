using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance;

/// <summary>
/// Turns a presented token into a principal. Results are cached for <see cref="AuthOptions.TokenCacheSeconds"/>
/// by hash (never by the token itself), so a revocation reaches every replica within that time.
/// </summary>
public sealed class TokenValidator(IMemoryCache cache, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly TimeSpan cacheTime = TimeSpan.FromSeconds(options.Value.TokenCacheSeconds);

    public async Task<SlipwayPrincipal?> ValidateAsync(string token, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if (!TokenFormat.IsWellFormed(token))
        {
            return null;
        }

        var hash = TokenFormat.Hash(token);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (cache.TryGetValue(CacheKey(hash), out CachedToken? cached) && cached is not null)
        {
            return cached.ExpiresAt is { } exp && exp <= now ? null : cached.Principal;
        }

        var row = await db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Select(t => new { t.Id, t.Principal, t.WorkspaceId, t.ExpiresAt })
            .FirstOrDefaultAsync(cancellationToken);
        var principal = row is null ? null : new SlipwayPrincipal(row.Principal, row.Id, row.WorkspaceId, Permission.Admin);
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
