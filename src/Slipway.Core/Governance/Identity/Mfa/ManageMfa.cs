using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity.Passwords;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Mfa;

/// <summary>A second factor sent with a sensitive action, and the password when the action needs it too.</summary>
public sealed record MfaProof(string? TotpCode, string? RecoveryCode, string? Password = null);

/// <summary>
/// Recovery-code regeneration, disabling MFA (the user, with a current code and their password) and resetting it
/// (a platform admin, for a user who lost their authenticator). All are audited; a reset ends the user's sessions.
/// </summary>
public sealed class ManageMfa(SlipwayDbContext db, SecondFactor secondFactor, SignIn.SignInThrottle throttle, StepUp stepUp, UserSessions sessions, AuditLog audit, TimeProvider time, ILogger<ManageMfa> logger)
{
    /// <summary>A new set of recovery codes; the old set stops working. Needs step-up, or a code sent with the request.</summary>
    public async Task<Result<IReadOnlyList<string>>> RegenerateRecoveryCodesAsync(SlipwayPrincipal principal, MfaProof proof, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == principal.UserId, cancellationToken);
        if (user?.TotpEnabledAt is null)
        {
            return IdentityErrors.MfaNotEnabled;
        }

        var sentCode = !string.IsNullOrWhiteSpace(proof.TotpCode) || !string.IsNullOrWhiteSpace(proof.RecoveryCode);
        if (!sentCode && stepUp.Require(principal) is { } needed)
        {
            return needed;
        }

        var codes = RecoveryCodes.Generate();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (sentCode)
        {
            var proved = await secondFactor.VerifyAsync(user, proof.TotpCode, proof.RecoveryCode, cancellationToken);
            if (!proved.IsSuccess)
            {
                return proved.Error;
            }
        }

        await EnrollTotp.ReplaceRecoveryCodesAsync(db, user.Id, codes, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await audit.RecordAsync(new AuditEntry("user.recovery_codes.regenerate")
        {
            Resource = IdentityAudit.UserResource(user),
            Changes = new JsonObject { ["after"] = new JsonObject { ["recovery_codes"] = codes.Count } },
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return codes;
    }

    /// <summary>Turns the caller's MFA off: needs a current TOTP or recovery code, and the password if the user has one.</summary>
    public async Task<Result<User>> DisableAsync(SlipwayPrincipal principal, MfaProof proof, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == principal.UserId, cancellationToken);
        if (user?.TotpEnabledAt is null)
        {
            return IdentityErrors.MfaNotEnabled;
        }

        if (string.IsNullOrWhiteSpace(proof.TotpCode) && string.IsNullOrWhiteSpace(proof.RecoveryCode))
        {
            return Error.Invalid("Disabling MFA needs a current totp_code or a recovery_code.", "totp_code");
        }

        if (user.PasswordHash is not null && string.IsNullOrEmpty(proof.Password))
        {
            return Error.MissingField("password");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var proved = await secondFactor.VerifyAsync(user, proof.TotpCode, proof.RecoveryCode, cancellationToken);
        if (!proved.IsSuccess)
        {
            return proved.Error;
        }

        // Checked after the code, and a wrong one counts as a wrong code, so that this is no unthrottled password oracle.
        if (user.PasswordHash is not null && PasswordHashing.Verify(proof.Password!, user.PasswordHash) == PasswordVerification.Failed)
        {
            await transaction.RollbackAsync(cancellationToken);
            throttle.MfaCodes.RecordFailure(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return IdentityErrors.WrongCurrentPassword with { Field = "password", Message = "The password is wrong." };
        }

        await ClearAsync(user, "user.mfa.disable", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.MfaChanged(user.Name, "disabled");
        return user;
    }

    /// <summary>A platform admin turns a user's MFA off (lost authenticator); the user's sessions end.</summary>
    public async Task<Result<User>> ResetAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = UserNames.Normalize(name);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedName == normalized, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound(name);
        }

        if (user.TotpSecret is null && user.TotpEnabledAt is null)
        {
            return IdentityErrors.MfaNotEnabled;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await ClearAsync(user, "user.mfa.reset", cancellationToken);
        await sessions.RevokeAllAsync(user.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.MfaChanged(user.Name, "reset by an admin");
        return user;
    }

    private async Task ClearAsync(User user, string action, CancellationToken cancellationToken)
    {
        var wasEnabled = user.TotpEnabledAt is not null;
        user.TotpSecret = null;
        user.TotpEnabledAt = null;
        user.TotpLastStep = 0;
        await db.SaveChangesAsync(cancellationToken);
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(action)
        {
            Resource = IdentityAudit.UserResource(user),
            Changes = new JsonObject
            {
                ["before"] = new JsonObject { ["mfa"] = wasEnabled ? "totp" : "pending" },
                ["after"] = new JsonObject { ["mfa"] = null },
            },
        }, cancellationToken);
    }
}
