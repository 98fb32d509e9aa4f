using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Governance.Identity.Mfa;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.SignIn;

/// <summary>
/// Proves a second factor in the caller's browser session, which then passes <see cref="StepUp"/> checks for the
/// step-up window. Token callers get a 400: they send a code with the sensitive action itself.
/// </summary>
public sealed class StepUpSession(SlipwayDbContext db, SecondFactor secondFactor, UserSessions sessions, AuditLog audit, TimeProvider time)
{
    public async Task<Result<long>> HandleAsync(SlipwayPrincipal principal, MfaProof proof, CancellationToken cancellationToken)
    {
        if (principal.SessionId is not { } sessionId)
        {
            return IdentityErrors.StepUpNeedsSession;
        }

        if (string.IsNullOrWhiteSpace(proof.TotpCode) && string.IsNullOrWhiteSpace(proof.RecoveryCode))
        {
            return Error.Invalid("Send a current totp_code or a recovery_code.", "totp_code");
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == principal.UserId, cancellationToken);
        if (user?.TotpEnabledAt is null)
        {
            return IdentityErrors.MfaNotEnabled;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var proved = await secondFactor.VerifyAsync(user, proof.TotpCode, proof.RecoveryCode, cancellationToken);
        if (!proved.IsSuccess)
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var failure = await db.Database.BeginTransactionAsync(cancellationToken);
            await audit.RecordAsync(new AuditEntry("auth.step_up")
            {
                Outcome = AuditOutcomes.Failure,
                Status = Infrastructure.Http.ProblemResults.StatusFor(proved.Error.Kind),
                ErrorCode = proved.Error.Code,
                Resource = IdentityAudit.UserResource(user),
            }, cancellationToken);
            await failure.CommitAsync(cancellationToken);
            return proved.Error;
        }

        await sessions.MarkMfaAsync(sessionId, cancellationToken);
        await audit.RecordAsync(new AuditEntry("auth.step_up")
        {
            Resource = IdentityAudit.UserResource(user),
            Context = new System.Text.Json.Nodes.JsonObject { ["session_id"] = sessionId, ["factor"] = proved.Value == SecondFactorKind.Totp ? "totp" : "recovery_code" },
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return time.GetUtcNow().ToUnixTimeMilliseconds();
    }
}
