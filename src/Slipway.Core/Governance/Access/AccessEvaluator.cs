using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Access;

/// <summary>
/// Resolves what a principal may do (governance.md §8.1, §8.2): the highest level over every grant that matches the
/// resource (role bindings of the user and its groups in the resource's workspace, and direct resource grants),
/// capped by the token's ceiling and confined to the token's workspace. There is no deny; new users hold nothing.
/// Platform admins hold MANAGE and every capability everywhere (still confined by a bound token).
/// A user's grants are loaded once and cached for <see cref="AuthOptions.TokenCacheSeconds"/>; a change on this
/// replica calls <see cref="Invalidate"/>, other replicas see it within the cache time.
/// </summary>
public sealed class AccessEvaluator(IMemoryCache cache, IOptions<AuthOptions> options)
{
    private readonly TimeSpan cacheTime = TimeSpan.FromSeconds(options.Value.TokenCacheSeconds);
    private long generation;

    /// <summary>Forgets every cached grant set on this replica; call after any grant, role, binding or membership change.</summary>
    public void Invalidate() => Interlocked.Increment(ref generation);

    /// <summary>The caller's level on one resource (<paramref name="resourceId"/> <c>*</c>: on every resource of the type), or null for none.</summary>
    public async Task<Permission?> LevelAsync(
        SlipwayPrincipal principal, long workspaceId, string resourceType, string resourceId, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if (principal.TokenWorkspaceId is { } bound && bound != workspaceId)
        {
            return null;
        }

        if (principal.IsAdmin)
        {
            return principal.Cap(Permission.Manage);
        }

        var profile = await ProfileAsync(principal.UserId, db, cancellationToken);
        return principal.Cap(profile.Level(workspaceId, resourceType, resourceId));
    }

    /// <summary>Whether the caller holds <paramref name="capability"/> in the workspace.</summary>
    public async Task<bool> HasCapabilityAsync(
        SlipwayPrincipal principal, long workspaceId, string capability, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if ((principal.TokenWorkspaceId is { } bound && bound != workspaceId)
            || (principal.TokenMaxPermission is { } ceiling && ceiling < Capabilities.LevelOf(capability)))
        {
            return false;
        }

        if (principal.IsAdmin)
        {
            return true;
        }

        var profile = await ProfileAsync(principal.UserId, db, cancellationToken);
        return profile.Capabilities.TryGetValue(workspaceId, out var set) && set.Contains(capability);
    }

    /// <summary>Whether the caller holds <paramref name="capability"/> in any workspace (e.g. the approve capability for MFA policy).</summary>
    public async Task<bool> HasCapabilityAnywhereAsync(long userId, string capability, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        var profile = await ProfileAsync(userId, db, cancellationToken);
        return profile.Capabilities.Values.Any(set => set.Contains(capability));
    }

    /// <summary>
    /// The workspaces where the caller holds any role binding or direct grant, each with the highest level held on
    /// anything in it (null when the binding carries capabilities only), capped and confined by the token.
    /// Platform admins are not special here: callers list every workspace for them.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, Permission?>> WorkspacesAsync(SlipwayPrincipal principal, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        var profile = await ProfileAsync(principal.UserId, db, cancellationToken);
        var result = new Dictionary<long, Permission?>();
        foreach (var workspace in profile.Entries.Select(e => e.WorkspaceId).Concat(profile.Capabilities.Keys))
        {
            result.TryAdd(workspace, null);
        }

        foreach (var entry in profile.Entries)
        {
            if (result[entry.WorkspaceId] is not { } best || entry.Level > best)
            {
                result[entry.WorkspaceId] = entry.Level;
            }
        }

        return result
            .Where(pair => principal.TokenWorkspaceId is not { } bound || bound == pair.Key)
            .ToDictionary(pair => pair.Key, pair => principal.Cap(pair.Value));
    }

    /// <summary>
    /// What the caller can see of a resource type at <paramref name="level"/> or above, for filtering lists in SQL:
    /// whole workspaces, plus single resources granted directly.
    /// </summary>
    public async Task<ReadableSet> ReadableAsync(
        SlipwayPrincipal principal, string resourceType, Permission level, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if (principal.TokenMaxPermission is { } max && max < level)
        {
            return ReadableSet.Nothing;
        }

        if (principal.IsAdmin)
        {
            return principal.TokenWorkspaceId is { } only ? new ReadableSet(false, [only], []) : ReadableSet.Everything;
        }

        var profile = await ProfileAsync(principal.UserId, db, cancellationToken);
        var workspaces = new HashSet<long>();
        var pairs = new HashSet<(long Workspace, long Id)>();
        foreach (var entry in profile.Entries)
        {
            if ((principal.TokenWorkspaceId is { } bound && bound != entry.WorkspaceId)
                || entry.Level < level
                || (entry.ResourceType != ResourceTypes.Any && entry.ResourceType != resourceType))
            {
                continue;
            }

            if (entry.Pattern == ResourceTypes.Any)
            {
                workspaces.Add(entry.WorkspaceId);
            }
            else if (long.TryParse(entry.Pattern, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                pairs.Add((entry.WorkspaceId, id));
            }
        }

        return new ReadableSet(false, workspaces, await InWorkspaceAsync(pairs, resourceType, db, cancellationToken));
    }

    /// <summary>
    /// The granted single resources that really lie in the workspace of their grant: a grant or role line in one
    /// workspace that names another workspace's id gives nothing, in lists as in single checks.
    /// </summary>
    private static async Task<IReadOnlyCollection<string>> InWorkspaceAsync(
        HashSet<(long Workspace, long Id)> pairs, string resourceType, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        if (pairs.Count == 0)
        {
            return [];
        }

        var ids = pairs.Select(p => p.Id).Distinct().ToList();
        var actual = resourceType switch
        {
            ResourceTypes.Experiment => await db.Experiments.AsNoTracking().Where(e => ids.Contains(e.Id))
                .Select(e => new { e.Id, e.WorkspaceId }).ToListAsync(cancellationToken),
            ResourceTypes.RegisteredModel => await db.RegisteredModels.AsNoTracking().Where(m => ids.Contains(m.Id))
                .Select(m => new { m.Id, m.WorkspaceId }).ToListAsync(cancellationToken),
            ResourceTypes.Deployment => await db.Deployments.AsNoTracking().Where(d => ids.Contains(d.Id))
                .Select(d => new { d.Id, d.WorkspaceId }).ToListAsync(cancellationToken),
            _ => [],
        };
        return [.. actual.Where(a => pairs.Contains((a.WorkspaceId, a.Id))).Select(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    private async Task<AccessProfile> ProfileAsync(long userId, SlipwayDbContext db, CancellationToken cancellationToken)
    {
        var key = (Volatile.Read(ref generation), userId);
        if (cache.TryGetValue(key, out AccessProfile? cached) && cached is not null)
        {
            return cached;
        }

        var groups = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        var fromRoles = await (
                from b in db.RoleBindings.AsNoTracking()
                join p in db.RolePermissions.AsNoTracking() on b.RoleId equals p.RoleId
                where (b.PrincipalKind == PrincipalKinds.User && b.PrincipalId == userId)
                      || (b.PrincipalKind == PrincipalKinds.Group && groups.Contains(b.PrincipalId))
                select new { b.WorkspaceId, p.ResourceType, p.ResourcePattern, p.Level, p.Capability })
            .ToListAsync(cancellationToken);
        var direct = await db.ResourceGrants.AsNoTracking()
            .Where(g => (g.PrincipalKind == PrincipalKinds.User && g.PrincipalId == userId)
                        || (g.PrincipalKind == PrincipalKinds.Group && groups.Contains(g.PrincipalId)))
            .Select(g => new { g.WorkspaceId, g.ResourceType, g.ResourceId, g.Level })
            .ToListAsync(cancellationToken);

        var entries = new List<AccessEntry>();
        var capabilities = new Dictionary<long, HashSet<string>>();
        foreach (var row in fromRoles)
        {
            if (row.Capability is { } capability)
            {
                if (!capabilities.TryGetValue(row.WorkspaceId, out var set))
                {
                    capabilities[row.WorkspaceId] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(capability);
            }
            else if (row.Level is { } level)
            {
                entries.Add(new AccessEntry(row.WorkspaceId, row.ResourceType, row.ResourcePattern, level));
            }
        }

        entries.AddRange(direct.Select(g => new AccessEntry(g.WorkspaceId, g.ResourceType, g.ResourceId, g.Level)));
        var profile = new AccessProfile(entries, capabilities);
        if (cacheTime > TimeSpan.Zero)
        {
            cache.Set(key, profile, cacheTime);
        }

        return profile;
    }

    private sealed record AccessEntry(long WorkspaceId, string ResourceType, string Pattern, Permission Level);

    private sealed record AccessProfile(List<AccessEntry> Entries, Dictionary<long, HashSet<string>> Capabilities)
    {
        public Permission? Level(long workspaceId, string resourceType, string resourceId)
        {
            Permission? best = null;
            foreach (var entry in Entries)
            {
                if (entry.WorkspaceId == workspaceId
                    && (entry.ResourceType == ResourceTypes.Any || entry.ResourceType == resourceType)
                    && (entry.Pattern == ResourceTypes.Any || entry.Pattern == resourceId)
                    && (best is null || entry.Level > best))
                {
                    best = entry.Level;
                }
            }

            return best;
        }
    }
}

/// <summary>
/// What a caller can see of one resource type: everything (<see cref="All"/>), or the resources of whole
/// <see cref="Workspaces"/> plus single resources by id. Lists filter with it in SQL, before paging.
/// </summary>
public sealed record ReadableSet(bool All, IReadOnlyCollection<long> Workspaces, IReadOnlyCollection<string> ResourceIds)
{
    public static ReadableSet Everything { get; } = new(true, [], []);

    public static ReadableSet Nothing { get; } = new(false, [], []);

    public bool IsEmpty => !All && Workspaces.Count == 0 && ResourceIds.Count == 0;

    /// <summary>The granted ids that are numbers (experiments, registered models and deployments have numeric ids).</summary>
    public long[] NumericIds() => [.. ResourceIds.Select(id => long.TryParse(id, out var n) ? n : (long?)null).Where(n => n is not null).Select(n => n!.Value)];
}
