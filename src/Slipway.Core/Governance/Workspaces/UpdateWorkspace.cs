using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Workspaces;

/// <summary>Changes a workspace's description: platform admins, or MANAGE on the workspace. The name is fixed.</summary>
public sealed class UpdateWorkspace(SlipwayDbContext db, WorkspaceAccess access, AuditLog audit)
{
    public async Task<Result<Workspace>> HandleAsync(SlipwayPrincipal principal, string? name, string? description, CancellationToken cancellationToken)
    {
        if (WorkspaceRules.Description(description) is { } invalid)
        {
            return invalid;
        }

        var found = await access.ManageAsync(principal, name, cancellationToken);
        if (!found.IsSuccess)
        {
            return found;
        }

        var workspace = await db.Workspaces.FirstAsync(w => w.Id == found.Value.Id, cancellationToken);
        var before = workspace.Description;
        workspace.Description = string.IsNullOrEmpty(description) ? null : description;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(
            AccessAudit.Entry("workspace.update", "workspace", workspace.Id, workspace.Name, workspace.Id,
                new JsonObject { ["description"] = before }, new JsonObject { ["description"] = workspace.Description }),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return workspace;
    }
}
