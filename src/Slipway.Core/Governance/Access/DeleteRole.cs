using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>Deletes a custom role and every binding of it; built-in roles are read-only (409).</summary>
public sealed class DeleteRole(SlipwayDbContext db, WorkspaceAccess access, WorkspaceRoles roles, AccessEvaluator evaluator, AuditLog audit)
{
    public async Task<Result<RoleView>> HandleAsync(SlipwayPrincipal principal, string? workspace, string? name, CancellationToken cancellationToken)
    {
        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var existing = await roles.FindAsync(found.Value.Id, name, cancellationToken);
        if (!existing.IsSuccess)
        {
            return existing.Error;
        }

        var role = existing.Value.Role;
        if (role.IsBuiltin || role.WorkspaceId is null)
        {
            return AccessErrors.BuiltinRoleReadOnly(role.Name);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var bindings = await db.RoleBindings.Where(b => b.RoleId == role.Id).ExecuteDeleteAsync(cancellationToken);
            await db.RolePermissions.Where(p => p.RoleId == role.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Roles.Where(r => r.Id == role.Id).ExecuteDeleteAsync(cancellationToken);
            var before = AccessAudit.Role(role.Description, existing.Value.Lines);
            before["bindings_removed"] = bindings;
            await audit.RecordAsync(AccessAudit.Entry("role.delete", "role", role.Id, role.Name, role.WorkspaceId, before, null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        evaluator.Invalidate();
        return existing.Value;
    }
}
