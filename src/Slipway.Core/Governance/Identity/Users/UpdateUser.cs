using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Users;

/// <summary>Fields to change; null leaves a field as it is, an empty string clears display_name or email.</summary>
public sealed record UpdateUserCommand(string Name, string? DisplayName, string? Email, bool? Active, bool? IsAdmin);

/// <summary>
/// Changes a user (platform admins only). Deactivating ends the user's sessions (their tokens stop within the token
/// cache time); the last active platform admin cannot be deactivated or demoted.
/// </summary>
public sealed class UpdateUser(SlipwayDbContext db, AuditLog audit, UserSessions sessions, Access.AccessEvaluator access)
{
    public async Task<Result<User>> HandleAsync(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var normalized = UserNames.Normalize(command.Name);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedName == normalized, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound(command.Name);
        }

        var displayName = command.DisplayName is null ? user.DisplayName : command.DisplayName.Length == 0 ? null : command.DisplayName;
        var email = command.Email is null ? user.Email : command.Email.Length == 0 ? null : command.Email;
        if (UserFields.Validate(displayName, email) is { } invalid)
        {
            return invalid;
        }

        if (command.IsAdmin == true && user.Kind == PrincipalKinds.Service)
        {
            return Error.Invalid("A service account cannot be a platform admin: platform admins must sign in with MFA.", "is_admin");
        }

        var before = IdentityAudit.Snapshot(user);
        user.DisplayName = displayName;
        user.Email = email;
        user.Active = command.Active ?? user.Active;
        user.IsAdmin = command.IsAdmin ?? user.IsAdmin;
        var losesAdmin = (bool)before["is_admin"]! && (bool)before["active"]! && !(user.IsAdmin && user.Active);
        var deactivated = (bool)before["active"]! && !user.Active;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(IdentityAudit.UserChange(deactivated ? "user.deactivate" : "user.update", user, before, IdentityAudit.Snapshot(user)), cancellationToken);
        if (losesAdmin && !await AdminGuard.AnotherActiveAdminExistsAsync(db, user.Id, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return IdentityErrors.LastAdmin;
        }

        if (deactivated)
        {
            await sessions.RevokeAllAsync(user.Id, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        access.Invalidate();
        return user;
    }
}
