using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Users;

/// <summary>
/// Deletes a user or service account with its sessions, tokens, recovery codes, group memberships, role bindings and
/// direct grants (platform admins only). The last active platform admin and the caller themself cannot be deleted.
/// </summary>
public sealed class DeleteUser(SlipwayDbContext db, AuditLog audit, TokenValidator tokens, Access.AccessEvaluator access)
{
    public async Task<Result<User>> HandleAsync(string name, long callerId, CancellationToken cancellationToken)
    {
        var normalized = UserNames.Normalize(name);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedName == normalized, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound(name);
        }

        if (user.Id == callerId)
        {
            return Error.Conflict("You cannot delete yourself; ask another platform admin.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.RecordAsync(IdentityAudit.UserChange(user.Kind == PrincipalKinds.Service ? "service_account.delete" : "user.delete", user, IdentityAudit.Snapshot(user), null), cancellationToken);
        if (user.IsAdmin && user.Active && !await AdminGuard.AnotherActiveAdminExistsAsync(db, user.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return IdentityErrors.LastAdmin;
        }

        var tokenHashes = await db.ApiTokens.Where(t => t.UserId == user.Id).Select(t => t.Hash).ToListAsync(cancellationToken);
        await db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RoleBindings.Where(b => b.PrincipalKind == PrincipalKinds.User && b.PrincipalId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.ResourceGrants.Where(g => g.PrincipalKind == PrincipalKinds.User && g.PrincipalId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.GroupMembers.Where(m => m.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        tokenHashes.ForEach(tokens.Forget);
        access.Invalidate();
        return user;
    }
}
