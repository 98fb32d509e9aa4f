using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity.Passwords;
using Slipway.Core.Governance.Identity.SignIn;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Users;

/// <summary>
/// Sets a password: a platform admin for anyone (<see cref="SetAsync"/>), or users for themselves with their current
/// password (<see cref="ChangeOwnAsync"/>). Either way the password meets <see cref="PasswordPolicy"/>, the user's
/// other sessions end, and the audit records that it changed, never the value.
/// </summary>
public sealed class SetPassword(SlipwayDbContext db, AuditLog audit, SignInThrottle throttle, TimeProvider time, ILogger<SetPassword> logger)
{
    public async Task<Result<User>> SetAsync(string name, string? password, CancellationToken cancellationToken)
    {
        var normalized = UserNames.Normalize(name);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedName == normalized, cancellationToken);
        return user is null ? IdentityErrors.UserNotFound(name) : await StoreAsync(user, password, "password", keepSession: null, cancellationToken);
    }

    public async Task<Result<User>> ChangeOwnAsync(SlipwayPrincipal principal, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == principal.UserId, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound(principal.Name);
        }

        if (user.Kind == PrincipalKinds.Service)
        {
            return IdentityErrors.ServiceAccountPassword;
        }

        if (user.PasswordHash is null)
        {
            return IdentityErrors.NoCurrentPassword;
        }

        if (string.IsNullOrEmpty(currentPassword))
        {
            return Error.MissingField("current_password");
        }

        // A stolen session must not be a free password oracle: wrong guesses count like failed sign-ins.
        var key = "user:" + user.NormalizedName;
        if (throttle.Users.RetryAfter(key) is { } wait)
        {
            return IdentityErrors.LoginThrottled(wait);
        }

        if (PasswordHashing.Verify(currentPassword, user.PasswordHash) == PasswordVerification.Failed)
        {
            throttle.Users.RecordFailure(key);
            return IdentityErrors.WrongCurrentPassword;
        }

        return await StoreAsync(user, newPassword, "new_password", principal.SessionId, cancellationToken);
    }

    private async Task<Result<User>> StoreAsync(User user, string? password, string field, long? keepSession, CancellationToken cancellationToken)
    {
        if (user.Kind == PrincipalKinds.Service)
        {
            return IdentityErrors.ServiceAccountPassword;
        }

        if (PasswordPolicy.Check(password, user.Name, field) is { } weak)
        {
            return weak;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        user.PasswordHash = PasswordHashing.Hash(password!);
        user.PasswordChangedAt = now;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var ended = await db.UserSessions.Where(s => s.UserId == user.Id && s.RevokedAt == null && s.Id != keepSession)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), cancellationToken);
        await audit.RecordAsync(new AuditEntry("user.password.set")
        {
            Resource = IdentityAudit.UserResource(user),
            Changes = new JsonObject { ["after"] = new JsonObject { ["password_changed_at"] = now } },
            Context = new JsonObject { ["sessions_ended"] = ended },
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.PasswordSet(user.Name);
        return user;
    }
}
