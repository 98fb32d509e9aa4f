using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>Removes a direct grant of a workspace by id (Workspace Admin or platform admin).</summary>
public sealed class DeleteGrant(SlipwayDbContext db, WorkspaceAccess access, PrincipalNames names, GrantStore store)
{
    public async Task<Result<GrantView>> HandleAsync(SlipwayPrincipal principal, string? workspace, long id, CancellationToken cancellationToken)
    {
        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var grant = await db.ResourceGrants.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id && g.WorkspaceId == found.Value.Id, cancellationToken);
        if (grant is null)
        {
            return Error.NotFound($"Workspace '{workspace}' has no grant with id {id}.");
        }

        var name = (await names.NamesAsync([(grant.PrincipalKind, grant.PrincipalId)], cancellationToken))
            .GetValueOrDefault((grant.PrincipalKind, grant.PrincipalId)) ?? $"#{grant.PrincipalId}";
        await store.RemoveAsync(grant, grant.ResourceId, new PrincipalRef(grant.PrincipalKind, grant.PrincipalId, name), cancellationToken);
        return new GrantView(grant, name);
    }
}
