using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Core.Governance.Oidc;

/// <summary>What signing in through OpenID Connect changed; recorded in the <c>auth.login</c> audit event.</summary>
public sealed record OidcAccount(User User, bool Created, bool AccessChanged, JsonObject Changes);

/// <summary>
/// Finds or creates (just in time) the user of a validated ID token, keyed by issuer and subject, and mirrors its
/// groups claim. Rules that keep single sign-on from widening access by accident:
/// <list type="bullet">
/// <item>A new user gets no grants and no role bindings of its own; access comes from its groups only.</item>
/// <item>A name already taken (a local user, <c>admin</c>) gets a numbered suffix: an identity provider never takes
/// over a local account.</item>
/// <item>Only groups with source <c>oidc</c> follow the claim; a claim value naming a local group is ignored, so the
/// provider cannot add people to locally managed groups.</item>
/// </list>
/// Runs inside the caller's transaction.
/// </summary>
public sealed class OidcAccounts(SlipwayDbContext db, IOptions<OidcOptions> options, TimeProvider time, ILogger<OidcAccounts> logger)
{
    public const string Actor = "system:oidc";

    /// <summary>The signed-in user and what changed, or null when the user exists but is deactivated (nothing changes then).</summary>
    public async Task<OidcAccount?> SignInAsync(OidcIdentity identity, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var changes = new JsonObject();
        var user = await db.Users.FirstOrDefaultAsync(u => u.OidcIssuer == identity.Issuer && u.OidcSubject == identity.Subject, cancellationToken);
        if (user is { Active: false })
        {
            return null;
        }

        var created = user is null;
        if (user is null)
        {
            var name = await FreeNameAsync(identity.Username, cancellationToken);
            user = new User
            {
                Name = name,
                NormalizedName = Normalize(name),
                Kind = PrincipalKinds.User,
                OidcIssuer = identity.Issuer,
                OidcSubject = identity.Subject,
                CreatedAt = now,
                CreatedBy = Actor,
            };
            db.Users.Add(user);
            changes["user_created"] = true;
        }

        user.DisplayName = Truncate(identity.DisplayName, 256);
        user.Email = Truncate(identity.Email, 320);
        user.LastLoginAt = now;
        var accessChanged = false;
        if (options.Value.AdminGroups.Count > 0)
        {
            var admin = identity.Groups.Any(g => options.Value.AdminGroups.Contains(g, StringComparer.Ordinal));
            if (user.IsAdmin != admin)
            {
                user.IsAdmin = admin;
                changes["is_admin"] = admin;
                accessChanged = true;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        accessChanged |= await SyncGroupsAsync(user, identity.Groups, now, changes, cancellationToken);
        return new OidcAccount(user, created, accessChanged, changes);
    }

    private async Task<bool> SyncGroupsAsync(User user, IReadOnlyList<string> claimed, long now, JsonObject changes, CancellationToken cancellationToken)
    {
        var wanted = claimed.Select(g => g.Trim()).Where(g => g.Length > 0).DistinctBy(Normalize).ToList();
        var normalized = wanted.Select(Normalize).ToList();
        var existing = await db.Groups.Where(g => normalized.Contains(g.NormalizedName)).ToListAsync(cancellationToken);
        var createdGroups = new JsonArray();
        foreach (var name in wanted.Where(n => existing.All(g => g.NormalizedName != Normalize(n))))
        {
            var group = new Group { Name = name, NormalizedName = Normalize(name), Source = Group.OidcSource, Description = "Mirrors the identity provider's group.", CreatedAt = now };
            db.Groups.Add(group);
            existing.Add(group);
            createdGroups.Add(name);
        }

        foreach (var local in existing.Where(g => g.Source != Group.OidcSource))
        {
            logger.OidcLocalGroupIgnored(local.Name);
        }

        await db.SaveChangesAsync(cancellationToken);
        var target = existing.Where(g => g.Source == Group.OidcSource).ToDictionary(g => g.Id);
        var current = await (
                from m in db.GroupMembers
                join g in db.Groups on m.GroupId equals g.Id
                where m.UserId == user.Id && g.Source == Group.OidcSource
                select new { Member = m, g.Name })
            .ToListAsync(cancellationToken);

        var removed = current.Where(c => !target.ContainsKey(c.Member.GroupId)).ToList();
        db.GroupMembers.RemoveRange(removed.Select(r => r.Member));
        var added = target.Values.Where(g => current.All(c => c.Member.GroupId != g.Id)).ToList();
        db.GroupMembers.AddRange(added.Select(g => new GroupMember { GroupId = g.Id, UserId = user.Id, AddedAt = now }));
        var bindings = await ApplyGroupRolesAsync(target.Values, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (createdGroups.Count > 0)
        {
            changes["groups_created"] = createdGroups;
        }

        if (added.Count > 0)
        {
            changes["groups_joined"] = new JsonArray([.. added.Select(g => (JsonNode?)JsonValue.Create(g.Name))]);
        }

        if (removed.Count > 0)
        {
            changes["groups_left"] = new JsonArray([.. removed.Select(r => (JsonNode?)JsonValue.Create(r.Name))]);
        }

        if (bindings.Count > 0)
        {
            changes["role_bindings_created"] = bindings;
        }

        return added.Count > 0 || removed.Count > 0 || bindings.Count > 0;
    }

    /// <summary>Creates the <c>Auth:Oidc:GroupRoles</c> bindings of the user's groups that do not exist yet.</summary>
    private async Task<JsonArray> ApplyGroupRolesAsync(IEnumerable<Group> groups, long now, CancellationToken cancellationToken)
    {
        var created = new JsonArray();
        var byName = groups.ToDictionary(g => g.NormalizedName);
        foreach (var mapping in options.Value.GroupRoles)
        {
            if (!byName.TryGetValue(Normalize(mapping.Group), out var group))
            {
                continue;
            }

            var workspace = await db.Workspaces.Where(w => w.Name == mapping.Workspace).Select(w => (long?)w.Id).FirstOrDefaultAsync(cancellationToken);
            var role = workspace is null
                ? null
                : await db.Roles.Where(r => r.Name == mapping.Role && (r.WorkspaceId == null || r.WorkspaceId == workspace))
                    .OrderBy(r => r.WorkspaceId == null).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
            if (workspace is null || role is null)
            {
                logger.OidcGroupRoleUnresolved(mapping.Group, mapping.Workspace, mapping.Role);
                continue;
            }

            var exists = await db.RoleBindings.AnyAsync(
                b => b.WorkspaceId == workspace && b.RoleId == role && b.PrincipalKind == PrincipalKinds.Group && b.PrincipalId == group.Id, cancellationToken);
            if (!exists)
            {
                db.RoleBindings.Add(new RoleBinding
                {
                    WorkspaceId = workspace.Value,
                    RoleId = role.Value,
                    PrincipalKind = PrincipalKinds.Group,
                    PrincipalId = group.Id,
                    CreatedAt = now,
                    CreatedBy = Actor,
                });
                created.Add(new JsonObject { ["group"] = group.Name, ["workspace"] = mapping.Workspace, ["role"] = mapping.Role });
            }
        }

        return created;
    }

    /// <summary>
    /// The wanted name made a valid user name (<see cref="UserNames"/>: other characters become '-') if free, else the
    /// first free of name-2, name-3, …; never an existing user's name.
    /// </summary>
    private async Task<string> FreeNameAsync(string wanted, CancellationToken cancellationToken)
    {
        var name = new string([.. wanted.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-' ? c : '-')]).TrimStart('.', '_', '@', '-');
        name = Truncate(name, User.NameLength - 8)!;
        if (name.Length == 0 || UserNames.Validate(name) is not null)
        {
            name = "oidc-user";
        }

        for (var i = 1; i <= 100; i++)
        {
            var candidate = i == 1 ? name : name + "-" + i.ToString(CultureInfo.InvariantCulture);
            var normalized = Normalize(candidate);
            if (!await db.Users.AnyAsync(u => u.NormalizedName == normalized, cancellationToken))
            {
                return candidate;
            }
        }

        return name + "-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];
    }

    private static string Normalize(string name) => UserNames.Normalize(name);

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
