using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>A workspace's direct grants, optionally of one resource type or one resource (Workspace Admin or platform admin).</summary>
public sealed class ListGrants(SlipwayDbContext db, WorkspaceAccess access, GrantTargets targets, PrincipalNames names)
{
    public const int MaxResults = 10_000;

    public async Task<Result<List<GrantView>>> HandleAsync(
        SlipwayPrincipal principal, string? workspace, string? resourceType, string? resourceId, CancellationToken cancellationToken)
    {
        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var query = db.ResourceGrants.AsNoTracking().Where(g => g.WorkspaceId == found.Value.Id);
        if (!string.IsNullOrEmpty(resourceId))
        {
            var target = await targets.InWorkspaceAsync(found.Value.Id, resourceType, resourceId, cancellationToken);
            if (!target.IsSuccess)
            {
                return target.Error;
            }

            query = query.Where(g => g.ResourceType == target.Value.ResourceType && g.ResourceId == target.Value.ResourceId);
        }
        else if (!string.IsNullOrEmpty(resourceType))
        {
            if (!ResourceTypes.All.Contains(resourceType))
            {
                return Error.Invalid($"'{resourceType}' is not a resource type.", "resource_type");
            }

            query = query.Where(g => g.ResourceType == resourceType);
        }

        var grants = await query.OrderBy(g => g.Id).Take(MaxResults).ToListAsync(cancellationToken);
        var principals = await names.NamesAsync(grants.Select(g => (g.PrincipalKind, g.PrincipalId)), cancellationToken);
        return grants.ConvertAll(g => new GrantView(g, principals.GetValueOrDefault((g.PrincipalKind, g.PrincipalId)) ?? $"#{g.PrincipalId}"));
    }
}
