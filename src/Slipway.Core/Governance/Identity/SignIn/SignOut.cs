using Microsoft.AspNetCore.Http;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.SignIn;

/// <summary>Ends the caller's browser session server-side: its cookie stops working at once, on every replica.</summary>
public sealed class SignOut(SlipwayDbContext db, UserSessions sessions, AuditLog audit)
{
    public async Task<Result<Unit>> HandleAsync(HttpContext context, SlipwayPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.SessionId is not { } sessionId)
        {
            return Error.Invalid("Sign-out ends a browser session; an API token is revoked with DELETE /api/v1/tokens/{name}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await sessions.RevokeAsync(context, sessionId, cancellationToken);
        await audit.RecordAsync(new AuditEntry("auth.logout")
        {
            Context = new System.Text.Json.Nodes.JsonObject { ["session_id"] = sessionId },
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
