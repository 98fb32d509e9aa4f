using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity.Mfa;
using Slipway.Core.Governance.Identity.Passwords;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.SignIn;

public sealed record SignInCommand(string? Username, string? Password, string? TotpCode, string? RecoveryCode);

/// <summary>A new session: the signed-in user, how they proved it, and the anti-forgery token (shown once).</summary>
public sealed record SignedIn(User User, IssuedSession Session);

/// <summary>
/// Password sign-in (governance.md §8.5). An unknown user, a deactivated one, one without a password and a wrong
/// password get the same <c>invalid_credentials</c> after the same PBKDF2 work. Failures are throttled per user name
/// (known or not) and per address with exponential backoff. Users with MFA send a TOTP or recovery code in the same
/// request; platform admins and approvers without MFA cannot use a password at all. Success always starts a new
/// session (no fixation) and re-hashes a password stored with older parameters.
/// </summary>
public sealed class PasswordSignIn(
    SlipwayDbContext db,
    UserSessions sessions,
    SecondFactor secondFactor,
    SignInThrottle throttle,
    DenialCollapser collapser,
    AuditLog audit,
    TimeProvider time,
    ILogger<PasswordSignIn> logger)
{
    public async Task<Result<SignedIn>> HandleAsync(HttpContext context, SignInCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Username))
        {
            return Error.MissingField("username");
        }

        if (string.IsNullOrEmpty(command.Password))
        {
            return Error.MissingField("password");
        }

        var normalized = UserNames.Normalize(command.Username.Length > User.NameLength ? command.Username[..User.NameLength] : command.Username);
        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var userKey = "user:" + normalized;
        var ipKey = "ip:" + ip;
        if ((throttle.Users.RetryAfter(userKey) ?? throttle.Addresses.RetryAfter(ipKey)) is { } wait)
        {
            context.Response.Headers.RetryAfter = IdentityErrors.Seconds(wait);
            var throttled = IdentityErrors.LoginThrottled(wait);
            await RecordFailureAsync(ip, null, AuthMethods.Password, throttled, cancellationToken);
            return throttled;
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedName == normalized && u.Active && u.Kind == PrincipalKinds.User, cancellationToken);
        var verification = PasswordHashing.Verify(command.Password, user?.PasswordHash);
        if (user is null || verification == PasswordVerification.Failed)
        {
            // Both counters, always: a name that just locked must still count against the address, or spreading
            // guesses over many names would get past the per-address limit.
            var userLockout = throttle.Users.RecordFailure(userKey);
            var addressLockout = throttle.Addresses.RecordFailure(ipKey);
            var lockout = userLockout > addressLockout || addressLockout is null ? userLockout : addressLockout;
            if (lockout is not null)
            {
                logger.SignInLocked(lockout.Value);
                await RecordAsync(ip, "lockout", new AuditEntry("auth.lockout")
                {
                    Outcome = AuditOutcomes.Failure,
                    Status = StatusCodes.Status429TooManyRequests,
                    ErrorCode = IdentityErrors.LoginThrottledCode,
                    Actor = IdentityAudit.SignInActor(user, AuthMethods.Password),
                    Context = new JsonObject { ["lockout_seconds"] = (long)lockout.Value.TotalSeconds },
                }, cancellationToken);
            }

            await RecordFailureAsync(ip, user, AuthMethods.Password, IdentityErrors.InvalidCredentials, cancellationToken);
            return IdentityErrors.InvalidCredentials;
        }

        var mfa = user.TotpEnabledAt is not null;
        if (!mfa && await MfaPolicy.IsRequiredAsync(db, user, cancellationToken))
        {
            await RecordFailureAsync(ip, user, AuthMethods.Password, IdentityErrors.MfaEnrollmentRequired, cancellationToken);
            return IdentityErrors.MfaEnrollmentRequired;
        }

        if (mfa && string.IsNullOrWhiteSpace(command.TotpCode) && string.IsNullOrWhiteSpace(command.RecoveryCode))
        {
            return IdentityErrors.MfaRequired;
        }

        var method = mfa ? AuthMethods.PasswordTotp : AuthMethods.Password;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        IssuedSession session;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (mfa)
            {
                var proved = await secondFactor.VerifyAsync(user, command.TotpCode, command.RecoveryCode, cancellationToken);
                if (!proved.IsSuccess)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    await RecordFailureAsync(ip, user, method, proved.Error, cancellationToken);
                    return proved.Error;
                }
            }

            if (verification == PasswordVerification.SuccessRehashNeeded)
            {
                user.PasswordHash = PasswordHashing.Hash(command.Password);
            }

            user.LastLoginAt = now;
            session = await sessions.IssueAsync(context, user.Id, method, mfa ? now : null, cancellationToken);
            await audit.RecordAsync(new AuditEntry("auth.login")
            {
                Status = StatusCodes.Status200OK,
                Actor = IdentityAudit.SignInActor(user, method),
                Resource = IdentityAudit.UserResource(user),
                Context = new JsonObject { ["session_id"] = session.Session.Id, ["rehashed"] = verification == PasswordVerification.SuccessRehashNeeded ? true : null },
            }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        throttle.Users.Reset(userKey);
        return new SignedIn(user, session);
    }

    /// <summary>A failed sign-in, in its own transaction (nothing changed) and rate-collapsed per address and error.</summary>
    private Task RecordFailureAsync(string ip, User? user, string method, Error error, CancellationToken cancellationToken) =>
        RecordAsync(ip, error.Code, new AuditEntry("auth.login")
        {
            Outcome = AuditOutcomes.Failure,
            Status = Infrastructure.Http.ProblemResults.StatusFor(error.Kind),
            ErrorCode = error.Code,
            Reason = error.Message,
            Actor = IdentityAudit.SignInActor(user, method),
        }, cancellationToken);

    private async Task RecordAsync(string ip, string kind, AuditEntry entry, CancellationToken cancellationToken)
    {
        if (!collapser.ShouldRecord($"{ip}|sign-in|{kind}", out var collapsed))
        {
            return;
        }

        if (collapsed > 0)
        {
            var context = entry.Context ?? [];
            context["collapsed"] = collapsed;
            entry = entry with { Context = context };
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.RecordAsync(entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
