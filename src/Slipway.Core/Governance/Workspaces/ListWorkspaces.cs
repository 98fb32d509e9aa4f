using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Workspaces;

/// <summary>
/// The workspaces a caller can see: platform admins all of them, others those where they hold a role binding or a
/// direct grant (filtered in SQL); a token bound to a workspace sees that one only.
/// </summary>
public sealed class ListWorkspaces(SlipwayDbContext db, AccessEvaluator evaluator, WorkspaceAccess access)
{
    public async Task<List<Workspace>> HandleAsync(SlipwayPrincipal principal, CancellationToken cancellationToken)
    {
        var query = db.Workspaces.AsNoTracking();
        if (principal.TokenWorkspaceId is { } bound)
        {
            query = query.Where(w => w.Id == bound);
        }

        if (!principal.IsAdmin)
        {
            var visible = (await evaluator.WorkspacesAsync(principal, db, cancellationToken)).Keys.ToList();
            query = query.Where(w => visible.Contains(w.Id));
        }

        return await query.OrderBy(w => w.Name).ToListAsync(cancellationToken);
    }

    /// <summary>One workspace the caller can see; one they cannot see is not found.</summary>
    public async Task<Result<Workspace>> GetAsync(SlipwayPrincipal principal, string? name, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        return await access.CanSeeAsync(principal, found.Value.Id, cancellationToken) ? found : WorkspaceRules.NotFound(name!);
    }
}
