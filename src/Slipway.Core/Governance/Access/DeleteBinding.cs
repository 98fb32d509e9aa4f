using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>Removes a role binding of a workspace by id (Workspace Admin or platform admin).</summary>
public sealed class DeleteBinding(SlipwayDbContext db, WorkspaceAccess access, PrincipalNames names, AccessEvaluator evaluator, AuditLog audit)
{
    public async Task<Result<BindingView>> HandleAsync(SlipwayPrincipal principal, string? workspace, long id, CancellationToken cancellationToken)
    {
        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var row = await (
                from b in db.RoleBindings.AsNoTracking()
                join r in db.Roles.AsNoTracking() on b.RoleId equals r.Id
                where b.Id == id && b.WorkspaceId == found.Value.Id
                select new { Binding = b, RoleName = r.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Error.NotFound($"Workspace '{workspace}' has no role binding with id {id}.");
        }

        var principalName = (await names.NamesAsync([(row.Binding.PrincipalKind, row.Binding.PrincipalId)], cancellationToken))
            .GetValueOrDefault((row.Binding.PrincipalKind, row.Binding.PrincipalId)) ?? $"#{row.Binding.PrincipalId}";
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.RoleBindings.Where(b => b.Id == id).ExecuteDeleteAsync(cancellationToken);
            await audit.RecordAsync(
                AccessAudit.Entry("role_binding.delete", "role_binding", id, row.RoleName, found.Value.Id, CreateBinding.Json(row.Binding, row.RoleName, principalName), null),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        evaluator.Invalidate();
        return new BindingView(row.Binding, row.RoleName, principalName);
    }
}
