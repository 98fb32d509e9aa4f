using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>How a grant write treats an existing grant: MLflow's create refuses one, its update needs one.</summary>
public enum GrantWrite
{
    Upsert,
    CreateOnly,
    UpdateOnly,
}

/// <summary>
/// Reads and writes direct grants (resource_grants), the store behind <c>/api/v1/workspaces/{ws}/grants</c> and
/// MLflow's <c>/permissions/*</c> endpoints. Granting needs MANAGE on the resource and at least the level given (no
/// escalation). Every change is audited in its transaction and drops cached grants.
/// </summary>
public sealed class GrantStore(SlipwayDbContext db, AccessEvaluator evaluator, AuditLog audit, CurrentActor actor, TimeProvider time)
{
    public Task<ResourceGrant?> FindAsync(GrantTarget target, PrincipalRef who, CancellationToken cancellationToken) =>
        db.ResourceGrants.AsNoTracking().FirstOrDefaultAsync(
            g => g.PrincipalKind == who.Kind && g.PrincipalId == who.Id && g.ResourceType == target.ResourceType && g.ResourceId == target.ResourceId,
            cancellationToken);

    /// <summary>Refuses callers without MANAGE on the resource.</summary>
    public async Task<Error?> ManageAsync(SlipwayPrincipal caller, GrantTarget target, CancellationToken cancellationToken) =>
        await evaluator.LevelAsync(caller, target.WorkspaceId, target.ResourceType, target.ResourceId, db, cancellationToken) >= Permission.Manage
            ? null
            : AccessErrors.Denied($"Changing who may use {target.ResourceType} '{target.Name}' needs MANAGE on it.");

    public async Task<Result<ResourceGrant>> SetAsync(
        SlipwayPrincipal caller, GrantTarget target, PrincipalRef who, Permission level, GrantWrite mode, CancellationToken cancellationToken)
    {
        if (await ManageAsync(caller, target, cancellationToken) is { } denied)
        {
            return denied;
        }

        var existing = await db.ResourceGrants.FirstOrDefaultAsync(
            g => g.PrincipalKind == who.Kind && g.PrincipalId == who.Id && g.ResourceType == target.ResourceType && g.ResourceId == target.ResourceId,
            cancellationToken);
        if (existing is not null && mode == GrantWrite.CreateOnly)
        {
            return Error.AlreadyExists($"{who.Kind} '{who.Name}' already has a permission on {target.ResourceType} '{target.Name}'.");
        }

        if (existing is null && mode == GrantWrite.UpdateOnly)
        {
            return NotGranted(target, who);
        }

        var before = existing is null ? null : Json(existing, who);
        var grant = existing ?? new ResourceGrant
        {
            WorkspaceId = target.WorkspaceId,
            PrincipalKind = who.Kind,
            PrincipalId = who.Id,
            ResourceType = target.ResourceType,
            ResourceId = target.ResourceId,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            CreatedBy = actor.Name,
        };
        grant.Level = level;
        if (existing is null)
        {
            db.ResourceGrants.Add(grant);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(
                AccessAudit.Entry(existing is null ? "grant.create" : "grant.update", "grant", grant.Id, target.Name, target.WorkspaceId, before, Json(grant, who)),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Error.AlreadyExists($"{who.Kind} '{who.Name}' already has a permission on {target.ResourceType} '{target.Name}'.");
        }

        evaluator.Invalidate();
        return grant;
    }

    public async Task<Result<ResourceGrant>> DeleteAsync(SlipwayPrincipal caller, GrantTarget target, PrincipalRef who, CancellationToken cancellationToken)
    {
        if (await ManageAsync(caller, target, cancellationToken) is { } denied)
        {
            return denied;
        }

        var grant = await FindAsync(target, who, cancellationToken);
        if (grant is null)
        {
            return NotGranted(target, who);
        }

        await RemoveAsync(grant, target.Name, who, cancellationToken);
        return grant;
    }

    /// <summary>Deletes a grant already checked by the caller.</summary>
    public async Task RemoveAsync(ResourceGrant grant, string resourceName, PrincipalRef who, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.ResourceGrants.Where(g => g.Id == grant.Id).ExecuteDeleteAsync(cancellationToken);
            await audit.RecordAsync(AccessAudit.Entry("grant.delete", "grant", grant.Id, resourceName, grant.WorkspaceId, Json(grant, who), null), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        evaluator.Invalidate();
    }

    private static Error NotGranted(GrantTarget target, PrincipalRef who) =>
        Error.NotFound($"{who.Kind} '{who.Name}' has no permission on {target.ResourceType} '{target.Name}'.");

    private static JsonObject Json(ResourceGrant grant, PrincipalRef who) => new()
    {
        ["principal_kind"] = who.Kind,
        ["principal"] = who.Name,
        ["resource_type"] = grant.ResourceType,
        ["resource_id"] = grant.ResourceId,
        ["level"] = PermissionLevels.Name(grant.Level),
    };
}
