using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity.SignIn;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Mfa;

/// <summary>Which second factor a user proved.</summary>
public enum SecondFactorKind
{
    Totp,
    RecoveryCode,
}

/// <summary>
/// Checks a TOTP code or a recovery code (governance.md §6.6) inside the caller's transaction. A TOTP code counts
/// for steps t−1..t+1 only and only once: its step must be above <see cref="User.TotpLastStep"/>, raised by a
/// conditional UPDATE so that two concurrent uses of one code give one success. A recovery code is spent by a
/// conditional UPDATE on <c>used_at IS NULL</c>. Wrong codes are throttled per user (429 with Retry-After).
/// </summary>
public sealed class SecondFactor(SlipwayDbContext db, TotpSecrets secrets, SignInThrottle throttle, AuditLog audit, TimeProvider time, IHttpContextAccessor accessor)
{
    public async Task<Result<SecondFactorKind>> VerifyAsync(User user, string? totpCode, string? recoveryCode, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A second factor is spent in the transaction of what it unlocks.");
        }

        if (user.TotpEnabledAt is null || user.TotpSecret is null)
        {
            return IdentityErrors.MfaNotEnabled;
        }

        var key = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (throttle.MfaCodes.RetryAfter(key) is { } wait)
        {
            return Throttled(wait);
        }

        var ok = !string.IsNullOrWhiteSpace(totpCode)
            ? await SpendTotpAsync(user, totpCode, cancellationToken)
            : !string.IsNullOrWhiteSpace(recoveryCode) && await SpendRecoveryCodeAsync(user, recoveryCode, cancellationToken);
        if (!ok)
        {
            return throttle.MfaCodes.RecordFailure(key) is { } lockout ? Throttled(lockout) : IdentityErrors.InvalidMfaCode;
        }

        throttle.MfaCodes.Reset(key);
        return string.IsNullOrWhiteSpace(totpCode) ? SecondFactorKind.RecoveryCode : SecondFactorKind.Totp;
    }

    /// <summary>Checks a code against a secret with the RFC 6238 window; the matched step, or null.</summary>
    public static long? Match(byte[] secret, string code, DateTimeOffset now)
    {
        var trimmed = code.Replace(" ", "", StringComparison.Ordinal);
        if (trimmed.Length != 6 || !trimmed.All(char.IsAsciiDigit))
        {
            return null;
        }

        return new Totp(secret).VerifyTotp(now.UtcDateTime, trimmed, out var step, VerificationWindow.RfcSpecifiedNetworkDelay) ? step : null;
    }

    private async Task<bool> SpendTotpAsync(User user, string code, CancellationToken cancellationToken)
    {
        if (Match(secrets.Unprotect(user.TotpSecret!), code, time.GetUtcNow()) is not { } step)
        {
            return false;
        }

        var spent = await db.Users.Where(u => u.Id == user.Id && u.TotpLastStep < step)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpLastStep, step), cancellationToken);
        if (spent == 1)
        {
            user.TotpLastStep = step;
        }

        return spent == 1;
    }

    private async Task<bool> SpendRecoveryCodeAsync(User user, string code, CancellationToken cancellationToken)
    {
        if (code.Length > 64)
        {
            return false;
        }

        var hash = RecoveryCodes.Hash(code);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var spent = await db.RecoveryCodes.Where(c => c.UserId == user.Id && c.Hash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (spent == 1)
        {
            var left = await db.RecoveryCodes.CountAsync(c => c.UserId == user.Id && c.UsedAt == null, cancellationToken);
            await audit.RecordAsync(new AuditEntry("user.recovery_code.use")
            {
                Resource = IdentityAudit.UserResource(user),
                Context = new System.Text.Json.Nodes.JsonObject { ["remaining"] = left },
            }, cancellationToken);
        }

        return spent == 1;
    }

    private Error Throttled(TimeSpan wait)
    {
        if (accessor.HttpContext is { } context)
        {
            context.Response.Headers.RetryAfter = IdentityErrors.Seconds(wait);
        }

        return IdentityErrors.MfaThrottled(wait);
    }
}
