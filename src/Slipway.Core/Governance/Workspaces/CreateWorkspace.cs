using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Workspaces;

/// <summary>Creates a workspace (platform admins; the route declares it). Nobody holds anything in it until bound.</summary>
public sealed class CreateWorkspace(SlipwayDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<Result<Workspace>> HandleAsync(string? name, string? description, CancellationToken cancellationToken)
    {
        if ((WorkspaceRules.Name(name) ?? WorkspaceRules.Description(description)) is { } error)
        {
            return error;
        }

        if (await db.Workspaces.AnyAsync(w => w.Name == name, cancellationToken))
        {
            return Error.AlreadyExists($"A workspace named '{name}' already exists.");
        }

        var workspace = new Workspace { Name = name!, Description = description, CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds() };
        db.Workspaces.Add(workspace);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                AccessAudit.Entry("workspace.create", "workspace", workspace.Id, workspace.Name, workspace.Id, null, new JsonObject { ["description"] = description }),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Error.AlreadyExists($"A workspace named '{name}' already exists.");
        }

        return workspace;
    }
}
