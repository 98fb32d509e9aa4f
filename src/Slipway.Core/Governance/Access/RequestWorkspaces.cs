using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// Picks the workspace a request acts in: a bound token's workspace; else the one named by the
/// <c>X-Slipway-Workspace</c> header (name or id); else <c>default</c>. A bound token naming another workspace is
/// refused. New experiments and models are created there, and names (experiment, registered model) resolve there.
/// </summary>
public sealed class RequestWorkspaces(IMemoryCache cache)
{
    public const string Header = "X-Slipway-Workspace";

    public async Task<Result<long>> SelectAsync(HttpContext context, SlipwayPrincipal principal, SlipwayDbContext db)
    {
        var named = context.Request.Headers[Header].ToString();
        if (named.Length == 0)
        {
            return principal.TokenWorkspaceId ?? Workspace.DefaultId;
        }

        if (named.Length > 100)
        {
            return Error.Invalid($"{Header} must name a workspace (at most 100 characters).", Header);
        }

        var id = await IdAsync(named, db, context.RequestAborted);
        if (id is null)
        {
            return new Error(ErrorKind.Forbidden, "permission_denied", $"No workspace '{named}' is open to this caller.");
        }

        if (principal.TokenWorkspaceId is { } bound && bound != id)
        {
            return new Error(ErrorKind.Forbidden, "permission_denied", $"This token is bound to another workspace than '{named}'.");
        }

        return id.Value;
    }

    private async Task<long?> IdAsync(string named, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        var key = "workspace:" + named;
        if (cache.TryGetValue(key, out long cached))
        {
            return cached;
        }

        long? id = long.TryParse(named, out var number)
            ? await db.Workspaces.AsNoTracking().Where(w => w.Id == number).Select(w => (long?)w.Id).FirstOrDefaultAsync(cancellationToken)
            : await db.Workspaces.AsNoTracking().Where(w => w.Name == named).Select(w => (long?)w.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is { } found)
        {
            cache.Set(key, found, TimeSpan.FromSeconds(60));
        }

        return id;
    }
}
