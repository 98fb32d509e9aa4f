using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Identity.Mfa;

/// <summary>
/// Who must have MFA before a password opens a session (governance.md §6.6): platform admins and anyone who holds
/// the <c>approve</c> capability in some workspace, directly or through a group.
/// </summary>
public static class MfaPolicy
{
    public static async Task<bool> IsRequiredAsync(SlipwayDbContext db, User user, CancellationToken cancellationToken)
    {
        if (user.IsAdmin)
        {
            return true;
        }

        var groups = db.GroupMembers.Where(m => m.UserId == user.Id).Select(m => m.GroupId);
        return await (
                from b in db.RoleBindings
                join p in db.RolePermissions on b.RoleId equals p.RoleId
                where p.Capability == Capabilities.Approve
                    && ((b.PrincipalKind == PrincipalKinds.User && b.PrincipalId == user.Id)
                        || (b.PrincipalKind == PrincipalKinds.Group && groups.Contains(b.PrincipalId)))
                select b.Id)
            .AnyAsync(cancellationToken);
    }
}
