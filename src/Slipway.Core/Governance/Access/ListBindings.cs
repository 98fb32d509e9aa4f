using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>Who holds which role in a workspace (Workspace Admin or platform admin).</summary>
public sealed class ListBindings(SlipwayDbContext db, WorkspaceAccess access, PrincipalNames names)
{
    public async Task<Result<List<BindingView>>> HandleAsync(SlipwayPrincipal principal, string? workspace, CancellationToken cancellationToken)
    {
        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var rows = await (
                from b in db.RoleBindings.AsNoTracking()
                join r in db.Roles.AsNoTracking() on b.RoleId equals r.Id
                where b.WorkspaceId == found.Value.Id
                orderby b.Id
                select new { Binding = b, RoleName = r.Name })
            .ToListAsync(cancellationToken);
        var principals = await names.NamesAsync(rows.Select(r => (r.Binding.PrincipalKind, r.Binding.PrincipalId)), cancellationToken);
        return rows.ConvertAll(r => new BindingView(
            r.Binding, r.RoleName, principals.GetValueOrDefault((r.Binding.PrincipalKind, r.Binding.PrincipalId)) ?? $"#{r.Binding.PrincipalId}"));
    }
}
