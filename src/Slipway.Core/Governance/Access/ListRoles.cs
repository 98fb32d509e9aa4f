using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>The built-in roles and the workspace's custom roles, with their permissions (Workspace Admin or platform admin).</summary>
public sealed class ListRoles(WorkspaceAccess access, WorkspaceRoles roles)
{
    public async Task<Result<List<RoleView>>> HandleAsync(SlipwayPrincipal principal, string? workspace, CancellationToken cancellationToken)
    {
        var found = await access.ManageAsync(principal, workspace, cancellationToken);
        return found.IsSuccess ? await roles.ListAsync(found.Value.Id, cancellationToken) : found.Error;
    }
}
