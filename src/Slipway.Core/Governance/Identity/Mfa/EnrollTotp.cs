using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Mfa;

/// <summary>A started enrolment: the secret (base32) and its otpauth URI, both shown this once.</summary>
public sealed record TotpEnrollment(string Secret, string Uri);

/// <summary>A confirmed enrolment: the recovery codes, shown this once.</summary>
public sealed record ConfirmedTotp(User User, IReadOnlyList<string> RecoveryCodes);

/// <summary>
/// TOTP enrolment for the caller (governance.md §6.6): <see cref="StartAsync"/> makes a new 160-bit secret and
/// stores it encrypted; <see cref="ConfirmAsync"/> turns MFA on only after a valid code for that secret, and returns
/// a fresh set of recovery codes. Starting again before confirming replaces the pending secret.
/// </summary>
public sealed class EnrollTotp(SlipwayDbContext db, TotpSecrets secrets, SignIn.SignInThrottle throttle, AuditLog audit, TimeProvider time, ILogger<EnrollTotp> logger)
{
    public async Task<Result<TotpEnrollment>> StartAsync(long userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound("The caller's user no longer exists.");
        }

        if (user.Kind == PrincipalKinds.Service)
        {
            return Error.Invalid("Service accounts use tokens only and cannot enrol MFA.");
        }

        if (user.TotpEnabledAt is not null)
        {
            return IdentityErrors.MfaAlreadyEnabled;
        }

        var secret = TotpSecrets.NewSecret();
        user.TotpSecret = secrets.Protect(secret);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry("user.mfa.enroll") { Resource = IdentityAudit.UserResource(user) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TotpEnrollment(secret, TotpSecrets.Uri(user.Name, secret));
    }

    public async Task<Result<ConfirmedTotp>> ConfirmAsync(long userId, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Error.MissingField("code");
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound("The caller's user no longer exists.");
        }

        if (user.TotpEnabledAt is not null)
        {
            return IdentityErrors.MfaAlreadyEnabled;
        }

        if (user.TotpSecret is null)
        {
            return IdentityErrors.NoPendingEnrollment;
        }

        var key = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (throttle.MfaCodes.RetryAfter(key) is { } wait)
        {
            return IdentityErrors.MfaThrottled(wait);
        }

        var now = time.GetUtcNow();
        if (SecondFactor.Match(secrets.Unprotect(user.TotpSecret), code, now) is not { } step)
        {
            return throttle.MfaCodes.RecordFailure(key) is { } lockout ? IdentityErrors.MfaThrottled(lockout) : IdentityErrors.InvalidMfaCode;
        }

        user.TotpEnabledAt = now.ToUnixTimeMilliseconds();
        user.TotpLastStep = step;
        var codes = RecoveryCodes.Generate();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await ReplaceRecoveryCodesAsync(db, user.Id, codes, now.ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(new AuditEntry("user.mfa.confirm")
        {
            Resource = IdentityAudit.UserResource(user),
            Changes = new JsonObject { ["after"] = new JsonObject { ["mfa"] = "totp", ["recovery_codes"] = codes.Count } },
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.MfaChanged(user.Name, "enabled");
        return new ConfirmedTotp(user, codes);
    }

    /// <summary>Deletes the user's recovery codes and stores the hashes of <paramref name="codes"/>.</summary>
    internal static async Task ReplaceRecoveryCodesAsync(SlipwayDbContext db, long userId, IEnumerable<string> codes, long now, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        db.RecoveryCodes.AddRange(codes.Select(c => new RecoveryCode { UserId = userId, Hash = RecoveryCodes.Hash(c), CreatedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
