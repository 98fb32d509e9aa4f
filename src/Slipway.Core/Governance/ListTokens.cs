using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance;

/// <summary>A token with the name of the workspace it is bound to.</summary>
public sealed record TokenView(ApiToken Token, string? Workspace);

/// <summary>The caller's own tokens; platform admins may ask for every token (<c>all</c>).</summary>
public sealed class ListTokens(SlipwayDbContext db)
{
    public async Task<Result<List<TokenView>>> HandleAsync(SlipwayPrincipal caller, bool all, CancellationToken cancellationToken)
    {
        if (all && !caller.IsPlatformAdmin)
        {
            return AccessErrors.Denied("Only platform admins list every token; without all=true you see your own.");
        }

        var tokens = db.ApiTokens.AsNoTracking();
        if (!all)
        {
            tokens = tokens.Where(t => t.UserId == caller.UserId);
        }

        var rows = await (
                from t in tokens
                join w in db.Workspaces.AsNoTracking() on t.WorkspaceId equals (long?)w.Id into bound
                from w in bound.DefaultIfEmpty()
                orderby t.Id
                select new { Token = t, Workspace = w == null ? null : w.Name })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new TokenView(r.Token, r.Workspace));
    }
}
