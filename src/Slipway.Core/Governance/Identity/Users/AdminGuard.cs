using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Identity.Users;

/// <summary>
/// Keeps at least one active platform admin. Call it inside the change's transaction after the change's audit event
/// is recorded: taking the audit sequence locks the audit head row until commit, so concurrent admin changes are
/// serialized and each sees the others' result (two admins demoting each other cannot both succeed).
/// </summary>
internal static class AdminGuard
{
    public static Task<bool> AnotherActiveAdminExistsAsync(SlipwayDbContext db, long userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id != userId && u.IsAdmin && u.Active, cancellationToken);
}
