using System.Text;
using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>Finds the user or group a request names, and the names of the principals that bindings and grants hold by id.</summary>
public sealed class PrincipalNames(SlipwayDbContext db)
{
    /// <summary>Exactly one of <paramref name="user"/> (people and service accounts) and <paramref name="group"/>.</summary>
    public async Task<Result<PrincipalRef>> ResolveAsync(string? user, string? group, CancellationToken cancellationToken)
    {
        var hasUser = !string.IsNullOrWhiteSpace(user);
        var hasGroup = !string.IsNullOrWhiteSpace(group);
        if (hasUser == hasGroup)
        {
            return Error.Invalid("Name exactly one principal: 'user' (a user or service account) or 'group'.", hasUser ? "group" : "user");
        }

        if (hasUser)
        {
            return await UserAsync(user!, "user", cancellationToken);
        }

        if (group!.Length > User.NameLength)
        {
            return Error.Invalid($"'group' is {group.Length} characters; the limit is {User.NameLength}.", "group");
        }

        var normalized = Normalize(group);
        var found = await db.Groups.AsNoTracking().Where(g => g.NormalizedName == normalized).Select(g => new { g.Id, g.Name }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? Error.NotFound($"No group is named '{group}'.") : new PrincipalRef(PrincipalKinds.Group, found.Id, found.Name);
    }

    public async Task<Result<PrincipalRef>> UserAsync(string name, string field, CancellationToken cancellationToken)
    {
        if (name.Length > User.NameLength)
        {
            return Error.Invalid($"'{field}' is {name.Length} characters; the limit is {User.NameLength}.", field);
        }

        var normalized = Normalize(name);
        var found = await db.Users.AsNoTracking().Where(u => u.NormalizedName == normalized).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? Error.NotFound($"No user is named '{name}'.") : new PrincipalRef(PrincipalKinds.User, found.Id, found.Name);
    }

    /// <summary>The names of the given principals, keyed by (kind, id); a missing one is absent.</summary>
    public async Task<Dictionary<(string Kind, long Id), string>> NamesAsync(IEnumerable<(string Kind, long Id)> principals, CancellationToken cancellationToken)
    {
        var list = principals.Distinct().ToList();
        var userIds = list.Where(p => p.Kind == PrincipalKinds.User).Select(p => p.Id).ToList();
        var groupIds = list.Where(p => p.Kind == PrincipalKinds.Group).Select(p => p.Id).ToList();
        var names = new Dictionary<(string Kind, long Id), string>();
        if (userIds.Count > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken))
            {
                names[(PrincipalKinds.User, u.Id)] = u.Name;
            }
        }

        if (groupIds.Count > 0)
        {
            foreach (var g in await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
            {
                names[(PrincipalKinds.Group, g.Id)] = g.Name;
            }
        }

        return names;
    }

    /// <summary>As users and groups are stored: NFC, lower-case invariant.</summary>
    private static string Normalize(string name) => name.Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
