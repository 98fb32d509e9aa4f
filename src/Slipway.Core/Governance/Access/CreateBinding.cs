using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// Gives a user, service account or group a role in a workspace. The caller must manage the workspace and hold
/// everything the role carries: a Workspace Admin cannot hand out a capability they lack, nor act in another workspace.
/// </summary>
public sealed class CreateBinding(
    SlipwayDbContext db, WorkspaceAccess access, WorkspaceRoles roles, PrincipalNames names, PrivilegeCheck privileges,
    AccessEvaluator evaluator, AuditLog audit, CurrentActor actor, TimeProvider time)
{
    public async Task<Result<BindingView>> HandleAsync(
        SlipwayPrincipal principal, string? workspace, string? roleName, string? user, string? group, CancellationToken cancellationToken)
    {
        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var role = await roles.FindAsync(found.Value.Id, roleName, cancellationToken);
        if (!role.IsSuccess)
        {
            return role.Error;
        }

        var target = await names.ResolveAsync(user, group, cancellationToken);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        if (await privileges.CoversAsync(principal, found.Value.Id, role.Value.Lines, $"Role '{role.Value.Role.Name}'", cancellationToken) is { } escalation)
        {
            return escalation;
        }

        var binding = new RoleBinding
        {
            WorkspaceId = found.Value.Id,
            RoleId = role.Value.Role.Id,
            PrincipalKind = target.Value.Kind,
            PrincipalId = target.Value.Id,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            CreatedBy = actor.Name,
        };
        var duplicate = Error.AlreadyExists($"{target.Value.Kind} '{target.Value.Name}' already holds role '{role.Value.Role.Name}' in workspace '{workspace}'.");
        if (await db.RoleBindings.AnyAsync(
                b => b.WorkspaceId == binding.WorkspaceId && b.RoleId == binding.RoleId && b.PrincipalKind == binding.PrincipalKind && b.PrincipalId == binding.PrincipalId,
                cancellationToken))
        {
            return duplicate;
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.RoleBindings.Add(binding);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                AccessAudit.Entry("role_binding.create", "role_binding", binding.Id, role.Value.Role.Name, binding.WorkspaceId, null, Json(binding, role.Value.Role.Name, target.Value.Name)),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return duplicate;
        }

        evaluator.Invalidate();
        return new BindingView(binding, role.Value.Role.Name, target.Value.Name);
    }

    internal static JsonObject Json(RoleBinding binding, string role, string principal) => new()
    {
        ["role"] = role,
        ["principal_kind"] = binding.PrincipalKind,
        ["principal_id"] = binding.PrincipalId,
        ["principal"] = principal,
    };
}
