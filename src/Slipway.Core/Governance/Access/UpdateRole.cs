using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// Replaces a custom role's description, permissions and capabilities (the name stays). Built-in roles are
/// read-only (409). As on creation, the caller must hold everything the new definition gives.
/// </summary>
public sealed class UpdateRole(
    SlipwayDbContext db, WorkspaceAccess access, WorkspaceRoles roles, PrivilegeCheck privileges, AccessEvaluator evaluator, AuditLog audit)
{
    public async Task<Result<RoleView>> HandleAsync(
        SlipwayPrincipal principal, string? workspace, string? name, RoleDefinition definition, CancellationToken cancellationToken)
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

        if (definition.Name is not null && !string.Equals(definition.Name, role.Name, StringComparison.Ordinal))
        {
            return Error.Invalid($"The body names role '{definition.Name}' but the route names '{role.Name}'; a role cannot be renamed.", "name");
        }

        var lines = (definition with { Name = role.Name }).Validate();
        if (!lines.IsSuccess)
        {
            return lines.Error;
        }

        if (await privileges.CoversAsync(principal, found.Value.Id, lines.Value, $"Role '{role.Name}'", cancellationToken) is { } escalation)
        {
            return escalation;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.RolePermissions.Where(p => p.RoleId == role.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Roles.Where(r => r.Id == role.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Description, definition.Description), cancellationToken);
            foreach (var line in lines.Value)
            {
                line.RoleId = role.Id;
            }

            db.RolePermissions.AddRange(lines.Value);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                AccessAudit.Entry("role.update", "role", role.Id, role.Name, role.WorkspaceId,
                    AccessAudit.Role(role.Description, existing.Value.Lines), AccessAudit.Role(definition.Description, lines.Value)),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        evaluator.Invalidate();
        role.Description = definition.Description;
        return new RoleView(role, lines.Value);
    }
}
