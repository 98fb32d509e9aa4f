using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Workspaces;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// Finds a workspace named in a route and says what the caller may do there. Managing a workspace's roles,
/// bindings and grants needs MANAGE on (workspace, <c>*</c>): the Workspace Admin role, or platform admin.
/// </summary>
public sealed class WorkspaceAccess(SlipwayDbContext db, AccessEvaluator evaluator)
{
    public async Task<Result<Workspace>> FindAsync(string? name, CancellationToken cancellationToken)
    {
        if (WorkspaceRules.Name(name, "workspace") is { } error)
        {
            return error;
        }

        var workspace = await db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Name == name, cancellationToken);
        return workspace is null ? WorkspaceRules.NotFound(name!) : workspace;
    }

    /// <summary>The workspace, if the caller may manage it; a workspace the caller cannot see is not found.</summary>
    public async Task<Result<Workspace>> ManageAsync(SlipwayPrincipal principal, string? name, CancellationToken cancellationToken)
    {
        var found = await FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        if (await CanManageAsync(principal, found.Value.Id, cancellationToken))
        {
            return found;
        }

        return await CanSeeAsync(principal, found.Value.Id, cancellationToken)
            ? AccessErrors.Denied($"Managing workspace '{name}' needs MANAGE on it (the Workspace Admin role) or platform admin.")
            : WorkspaceRules.NotFound(name!);
    }

    public async Task<bool> CanManageAsync(SlipwayPrincipal principal, long workspaceId, CancellationToken cancellationToken) =>
        await evaluator.LevelAsync(principal, workspaceId, ResourceTypes.Workspace, ResourceTypes.Any, db, cancellationToken) >= Permission.Manage;

    /// <summary>Platform admins see every workspace (their token's one only, when bound); others those where they hold a binding or grant.</summary>
    public async Task<bool> CanSeeAsync(SlipwayPrincipal principal, long workspaceId, CancellationToken cancellationToken)
    {
        if (principal.TokenWorkspaceId is { } bound && bound != workspaceId)
        {
            return false;
        }

        return principal.IsAdmin || (await evaluator.WorkspacesAsync(principal, db, cancellationToken)).ContainsKey(workspaceId);
    }
}
