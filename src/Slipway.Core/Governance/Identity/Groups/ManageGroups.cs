using Microsoft.EntityFrameworkCore;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Identity.Groups;

/// <summary>A group with the names of its members.</summary>
public sealed record GroupWithMembers(Group Group, IReadOnlyList<string> Members);

/// <summary>
/// Local groups (platform admins for now): create, delete, add and remove members. Every change is audited in its
/// transaction and tells the authorization engine (<see cref="MembershipChanges"/>), since roles bound to a group
/// reach its members. Groups mirrored from OpenID Connect are managed by sign-in, not here.
/// </summary>
public sealed class ManageGroups(SlipwayDbContext db, AuditLog audit, TimeProvider time, Access.AccessEvaluator access)
{
    public const int DescriptionLength = 4096;

    public async Task<List<GroupWithMembers>> ListAsync(CancellationToken cancellationToken)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.NormalizedName).ToListAsync(cancellationToken);
        var members = await (
                from m in db.GroupMembers.AsNoTracking()
                join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                orderby u.NormalizedName
                select new { m.GroupId, u.Name })
            .ToListAsync(cancellationToken);
        var byGroup = members.ToLookup(m => m.GroupId, m => m.Name);
        return groups.ConvertAll(g => new GroupWithMembers(g, [.. byGroup[g.Id]]));
    }

    public async Task<Result<GroupWithMembers>> GetAsync(string name, CancellationToken cancellationToken)
    {
        var group = await FindAsync(name, cancellationToken);
        return group is null ? IdentityErrors.GroupNotFound(name) : await WithMembersAsync(group, cancellationToken);
    }

    public async Task<Result<GroupWithMembers>> CreateAsync(string? name, string? description, CancellationToken cancellationToken)
    {
        if (UserNames.Validate(name) is { } invalid)
        {
            return invalid;
        }

        if (description is not null && description.Length > DescriptionLength)
        {
            return Error.Invalid($"description must be at most {DescriptionLength} characters.", "description");
        }

        var normalized = UserNames.Normalize(name!);
        if (await db.Groups.AnyAsync(g => g.NormalizedName == normalized, cancellationToken))
        {
            return Error.AlreadyExists($"A group named '{name}' already exists.");
        }

        var group = new Group
        {
            Name = name!.Normalize(System.Text.NormalizationForm.FormC),
            NormalizedName = normalized,
            Description = description,
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.Groups.Add(group);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(IdentityAudit.GroupChange("group.create", group), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Error.AlreadyExists($"A group named '{name}' already exists.");
        }

        return new GroupWithMembers(group, []);
    }

    public async Task<Result<Group>> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var group = await FindAsync(name, cancellationToken);
        if (group is null)
        {
            return IdentityErrors.GroupNotFound(name);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.GroupMembers.Where(m => m.GroupId == group.Id).ExecuteDeleteAsync(cancellationToken);
        await db.RoleBindings.Where(b => b.PrincipalKind == PrincipalKinds.Group && b.PrincipalId == group.Id).ExecuteDeleteAsync(cancellationToken);
        await db.ResourceGrants.Where(g => g.PrincipalKind == PrincipalKinds.Group && g.PrincipalId == group.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Groups.Where(g => g.Id == group.Id).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(IdentityAudit.GroupChange("group.delete", group), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        access.Invalidate();
        return group;
    }

    /// <summary>Adds (idempotently) or removes a member.</summary>
    public async Task<Result<GroupWithMembers>> SetMemberAsync(string groupName, string userName, bool member, CancellationToken cancellationToken)
    {
        var group = await FindAsync(groupName, cancellationToken);
        if (group is null)
        {
            return IdentityErrors.GroupNotFound(groupName);
        }

        var normalizedUser = UserNames.Normalize(userName);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedName == normalizedUser, cancellationToken);
        if (user is null)
        {
            return IdentityErrors.UserNotFound(userName);
        }

        var exists = await db.GroupMembers.AnyAsync(m => m.GroupId == group.Id && m.UserId == user.Id, cancellationToken);
        if (exists != member)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (member)
                {
                    db.GroupMembers.Add(new GroupMember { GroupId = group.Id, UserId = user.Id, AddedAt = time.GetUtcNow().ToUnixTimeMilliseconds() });
                    await db.SaveChangesAsync(cancellationToken);
                }
                else
                {
                    await db.GroupMembers.Where(m => m.GroupId == group.Id && m.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
                }

                await audit.RecordAsync(IdentityAudit.GroupChange(member ? "group.member.add" : "group.member.remove", group, user), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // A concurrent request added the same member first: the outcome asked for holds.
                db.ChangeTracker.Clear();
            }

            access.Invalidate();
        }

        return await WithMembersAsync(group, cancellationToken);
    }

    private Task<Group?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = UserNames.Normalize(name);
        return db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.NormalizedName == normalized, cancellationToken);
    }

    private async Task<GroupWithMembers> WithMembersAsync(Group target, CancellationToken cancellationToken)
    {
        var members = await (
                from m in db.GroupMembers.AsNoTracking()
                join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                where m.GroupId == target.Id
                orderby u.NormalizedName
                select u.Name)
            .ToListAsync(cancellationToken);
        return new GroupWithMembers(target, members);
    }
}
