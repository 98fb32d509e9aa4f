using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Workspaces;

/// <summary>
/// Deletes an empty workspace (platform admins) with its custom roles, bindings and grants. <c>default</c> is never
/// deleted, and a workspace that still holds experiments, registered models or webhooks is refused: no content is
/// deleted with it. Tokens bound to it are deleted (they could act nowhere else).
/// </summary>
public sealed class DeleteWorkspace(SlipwayDbContext db, WorkspaceAccess access, AccessEvaluator evaluator, TokenValidator tokens, AuditLog audit)
{
    public async Task<Result<Workspace>> HandleAsync(string? name, CancellationToken cancellationToken)
    {
        var found = await access.FindAsync(name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        var workspace = found.Value;
        if (workspace.Id == Workspace.DefaultId)
        {
            return new Error(ErrorKind.Conflict, "default_workspace", "The 'default' workspace cannot be deleted.");
        }

        var experiments = await db.Experiments.CountAsync(e => e.WorkspaceId == workspace.Id, cancellationToken);
        var models = await db.RegisteredModels.CountAsync(m => m.WorkspaceId == workspace.Id, cancellationToken);
        var webhooks = await db.Webhooks.CountAsync(w => w.WorkspaceId == workspace.Id, cancellationToken);
        if (experiments + models + webhooks > 0)
        {
            return new Error(
                ErrorKind.Conflict,
                "workspace_not_empty",
                $"Workspace '{name}' still holds {experiments} experiment(s), {models} registered model(s) and {webhooks} webhook(s); delete them first.");
        }

        var boundTokens = await db.ApiTokens.AsNoTracking().Where(t => t.WorkspaceId == workspace.Id).Select(t => new { t.Id, t.Hash }).ToListAsync(cancellationToken);

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Explicit deletes rather than relying on cascades, so both providers behave alike.
            await db.ResourceGrants.Where(g => g.WorkspaceId == workspace.Id).ExecuteDeleteAsync(cancellationToken);
            await db.RoleBindings.Where(b => b.WorkspaceId == workspace.Id).ExecuteDeleteAsync(cancellationToken);
            var roles = db.Roles.Where(r => r.WorkspaceId == workspace.Id).Select(r => r.Id);
            await db.RolePermissions.Where(p => roles.Contains(p.RoleId)).ExecuteDeleteAsync(cancellationToken);
            await db.Roles.Where(r => r.WorkspaceId == workspace.Id).ExecuteDeleteAsync(cancellationToken);
            await db.ApiTokens.Where(t => t.WorkspaceId == workspace.Id).ExecuteDeleteAsync(cancellationToken);
            await db.Workspaces.Where(w => w.Id == workspace.Id).ExecuteDeleteAsync(cancellationToken);
            await audit.RecordAsync(
                AccessAudit.Entry("workspace.delete", "workspace", workspace.Id, workspace.Name, workspace.Id,
                    null, new JsonObject { ["deleted_token_ids"] = new JsonArray([.. boundTokens.Select(t => JsonValue.Create(t.Id))]) }),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        evaluator.Invalidate();
        foreach (var token in boundTokens)
        {
            tokens.Forget(token.Hash);
        }

        return workspace;
    }
}
