using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance;

public sealed class RevokeToken(SlipwayDbContext db, AuditLog audit, TokenValidator validator, TimeProvider time, ILogger<RevokeToken> logger)
{
    /// <summary>
    /// Revokes by name or numeric id: the caller's own tokens, or any token for platform admins (another's token is
    /// not found). Revoking a revoked token is a no-op.
    /// </summary>
    public async Task<Result<ApiToken>> HandleAsync(SlipwayPrincipal caller, string nameOrId, CancellationToken cancellationToken)
    {
        var token = long.TryParse(nameOrId, out var id)
            ? await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            : await db.ApiTokens.FirstOrDefaultAsync(t => t.Name == nameOrId, cancellationToken);
        if (token is null || (!caller.IsPlatformAdmin && token.UserId != caller.UserId))
        {
            return Error.NotFound($"No token has the name or id '{nameOrId}'.");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(TokenAudit.Revoked(token), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.TokenRevoked(token.Name, token.Prefix);
        }

        validator.Forget(token.Hash);
        return token;
    }
}
