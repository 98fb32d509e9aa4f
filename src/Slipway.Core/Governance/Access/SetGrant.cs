using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>Gives a user, service account or group a level on one experiment or registered model of a workspace, replacing any earlier level.</summary>
public sealed class SetGrant(WorkspaceAccess access, GrantTargets targets, PrincipalNames names, GrantStore store)
{
    public async Task<Result<GrantView>> HandleAsync(
        SlipwayPrincipal principal, string? workspace, string? user, string? group, string? resourceType, string? resourceId, string? level,
        CancellationToken cancellationToken)
    {
        var parsed = PermissionLevels.Parse(level, "level");
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var target = await targets.InWorkspaceAsync(found.Value.Id, resourceType, resourceId, cancellationToken);
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        var who = await names.ResolveAsync(user, group, cancellationToken);
        if (!who.IsSuccess)
        {
            return who.Error;
        }

        var grant = await store.SetAsync(principal, target.Value, who.Value, parsed.Value, GrantWrite.Upsert, cancellationToken);
        return grant.IsSuccess ? new GrantView(grant.Value, who.Value.Name) : grant.Error;
    }
}
