using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// No privilege escalation: whoever writes a role, binds one or grants a level must hold every level and capability
/// it gives, in that workspace. Platform admins hold everything (unless their token is narrower).
/// </summary>
public sealed class PrivilegeCheck(SlipwayDbContext db, AccessEvaluator evaluator)
{
    public async Task<Error?> CoversAsync(
        SlipwayPrincipal principal, long workspaceId, IEnumerable<RolePermission> lines, string what, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            if (line.Capability is { } capability)
            {
                if (!await evaluator.HasCapabilityAsync(principal, workspaceId, capability, db, cancellationToken))
                {
                    return AccessErrors.Escalation($"{what} carries the capability '{capability}', which you do not hold in this workspace.");
                }
            }
            else if (line.Level is { } level && await LevelAsync(principal, workspaceId, line.ResourceType, line.ResourcePattern, cancellationToken) < level)
            {
                return AccessErrors.Escalation(
                    $"{what} gives {PermissionLevels.Name(level)} on {line.ResourceType} '{line.ResourcePattern}', more than you hold in this workspace.");
            }
        }

        return null;
    }

    /// <summary>The caller's level; 0 (below READ) for none, so that comparisons stay simple.</summary>
    private async Task<Permission> LevelAsync(SlipwayPrincipal principal, long workspaceId, string type, string pattern, CancellationToken cancellationToken) =>
        await evaluator.LevelAsync(principal, workspaceId, type, pattern, db, cancellationToken) ?? 0;
}
