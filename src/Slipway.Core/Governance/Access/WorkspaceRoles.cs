using Microsoft.EntityFrameworkCore;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>The roles usable in a workspace: the built-in ones and its own custom roles. Names match case-insensitively.</summary>
public sealed class WorkspaceRoles(SlipwayDbContext db)
{
    public async Task<List<RoleView>> ListAsync(long workspaceId, CancellationToken cancellationToken)
    {
        var roles = await db.Roles.AsNoTracking()
            .Where(r => r.WorkspaceId == null || r.WorkspaceId == workspaceId)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        var ids = roles.ConvertAll(r => r.Id);
        var lines = await db.RolePermissions.AsNoTracking().Where(p => ids.Contains(p.RoleId)).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var byRole = lines.ToLookup(p => p.RoleId);
        return roles.ConvertAll(r => new RoleView(r, [.. byRole[r.Id]]));
    }

    public async Task<Result<RoleView>> FindAsync(long workspaceId, string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Error.MissingField("role");
        }

        var role = (await db.Roles.AsNoTracking().Where(r => r.WorkspaceId == null || r.WorkspaceId == workspaceId).ToListAsync(cancellationToken))
            .FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            return Error.NotFound($"No role is named '{name}' in this workspace (built-in roles: {string.Join(", ", BuiltinRoles.Roles.Select(r => r.Name))}).");
        }

        var lines = await db.RolePermissions.AsNoTracking().Where(p => p.RoleId == role.Id).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return new RoleView(role, lines);
    }
}
