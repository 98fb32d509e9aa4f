using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// Creates a custom role in a workspace. The caller must manage the workspace and hold every level and capability
/// the role gives (no privilege escalation); names are unique in the workspace and cannot reuse a built-in name.
/// </summary>
public sealed class CreateRole(
    SlipwayDbContext db, WorkspaceAccess access, WorkspaceRoles roles, PrivilegeCheck privileges, AccessEvaluator evaluator, AuditLog audit, TimeProvider time)
{
    public async Task<Result<RoleView>> HandleAsync(SlipwayPrincipal principal, string? workspace, RoleDefinition definition, CancellationToken cancellationToken)
    {
        var lines = definition.Validate();
        if (!lines.IsSuccess)
        {
            return lines.Error;
        }

        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var workspaceId = found.Value.Id;
        if ((await roles.FindAsync(workspaceId, definition.Name, cancellationToken)).IsSuccess)
        {
            return Error.AlreadyExists($"A role named '{definition.Name}' already exists in workspace '{workspace}' (or is built in).");
        }

        if (await privileges.CoversAsync(principal, workspaceId, lines.Value, $"Role '{definition.Name}'", cancellationToken) is { } escalation)
        {
            return escalation;
        }

        var role = new Role
        {
            Name = definition.Name!,
            Description = definition.Description,
            WorkspaceId = workspaceId,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Roles.Add(role);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var line in lines.Value)
            {
                line.RoleId = role.Id;
            }

            db.RolePermissions.AddRange(lines.Value);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                AccessAudit.Entry("role.create", "role", role.Id, role.Name, workspaceId, null, AccessAudit.Role(role.Description, lines.Value)), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Error.AlreadyExists($"A role named '{definition.Name}' already exists in workspace '{workspace}'.");
        }

        evaluator.Invalidate();
        return new RoleView(role, lines.Value);
    }
}
