using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance;

/// <summary>What a token request asks for; names and levels as the wire sends them.</summary>
public sealed record IssueTokenCommand(string? Name, long? ExpiresAt = null, string? Workspace = null, string? MaxPermission = null, bool NeverExpires = false);

/// <summary>
/// Issues tokens under the token policy (governance.md §6.5, §8.2): a token expires (<see cref="AuthOptions.TokenDefaultDays"/>
/// unless non-expiring tokens are allowed), and is never more powerful than its owner: it cannot be bound to a
/// workspace where the owner holds nothing, nor carry a ceiling above the owner's best level there. Narrowed tokens
/// (bound or capped) cannot mint tokens at all (NarrowedTokens); a service-account token never carries rights its
/// creator lacks.
/// </summary>
public sealed class IssueToken(
    SlipwayDbContext db, CreateToken create, AccessEvaluator evaluator, WorkspaceAccess workspaces, PrivilegeCheck privileges, IOptions<AuthOptions> options, TimeProvider time)
{
    /// <summary>A token owned by the caller.</summary>
    public async Task<Result<CreatedToken>> ForSelfAsync(SlipwayPrincipal caller, IssueTokenCommand command, CancellationToken cancellationToken)
    {
        var workspace = await WorkspaceAsync(command.Workspace, caller.TokenWorkspaceId, cancellationToken);
        if (!workspace.IsSuccess)
        {
            return workspace.Error;
        }

        if (caller.TokenWorkspaceId is { } bound && workspace.Value != bound)
        {
            return AccessErrors.TokenExceedsOwner("The token you called with is bound to one workspace; a token it creates must be bound to the same one.", "workspace");
        }

        return await IssueAsync(caller, caller, workspace.Value, command, cancellationToken);
    }

    /// <summary>
    /// A token owned by service account <paramref name="account"/>, bound to a workspace where the account holds a
    /// role or grant. The caller needs MANAGE on that workspace or the <c>manage_tokens</c> capability there.
    /// </summary>
    public async Task<Result<CreatedToken>> ForServiceAccountAsync(
        SlipwayPrincipal caller, string? account, IssueTokenCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Workspace) && caller.TokenWorkspaceId is null && !caller.IsPlatformAdmin)
        {
            return Error.MissingField("workspace");
        }

        var workspace = await WorkspaceAsync(command.Workspace, caller.TokenWorkspaceId, cancellationToken);
        if (!workspace.IsSuccess)
        {
            return workspace.Error;
        }

        if (workspace.Value is { } id
            && !await workspaces.CanManageAsync(caller, id, cancellationToken)
            && !await evaluator.HasCapabilityAsync(caller, id, Capabilities.ManageTokens, db, cancellationToken))
        {
            return AccessErrors.Denied($"Creating service-account tokens in workspace '{command.Workspace}' needs MANAGE on it or the manage_tokens capability.");
        }

        if (workspace.Value is null && !caller.IsPlatformAdmin)
        {
            return AccessErrors.Denied("Only platform admins create service-account tokens that are not bound to a workspace.");
        }

        var name = account?.Trim() ?? string.Empty;
        var normalized = name.Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedName == normalized && u.Kind == PrincipalKinds.Service, cancellationToken);
        if (user is null || !user.Active)
        {
            return Error.NotFound($"No active service account is named '{account}'.");
        }

        var owner = new SlipwayPrincipal(user.Id, user.Name, user.IsAdmin, AuthMethods.Token) { Kind = PrincipalKinds.Service };
        // A token acts with all of its account's rights: minting one must not give the caller rights it lacks.
        if (!caller.IsPlatformAdmin)
        {
            if (user.IsAdmin)
            {
                return AccessErrors.Escalation($"'{user.Name}' is a platform admin; only platform admins create its tokens.");
            }

            if (await AccountExceedsCallerAsync(caller, user.Id, workspace.Value!.Value, cancellationToken) is { } escalation)
            {
                return escalation;
            }
        }

        return await IssueAsync(caller, owner, workspace.Value, command, cancellationToken);
    }

    /// <summary>Null when the caller holds every level and capability the account holds in the workspace.</summary>
    private async Task<Error?> AccountExceedsCallerAsync(SlipwayPrincipal caller, long accountId, long workspaceId, CancellationToken cancellationToken)
    {
        var groups = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == accountId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        var lines = await (
                from b in db.RoleBindings.AsNoTracking()
                join p in db.RolePermissions.AsNoTracking() on b.RoleId equals p.RoleId
                where b.WorkspaceId == workspaceId
                      && ((b.PrincipalKind == PrincipalKinds.User && b.PrincipalId == accountId)
                          || (b.PrincipalKind == PrincipalKinds.Group && groups.Contains(b.PrincipalId)))
                select p)
            .ToListAsync(cancellationToken);
        var grants = await db.ResourceGrants.AsNoTracking()
            .Where(g => g.WorkspaceId == workspaceId
                        && ((g.PrincipalKind == PrincipalKinds.User && g.PrincipalId == accountId)
                            || (g.PrincipalKind == PrincipalKinds.Group && groups.Contains(g.PrincipalId))))
            .Select(g => new RolePermission { ResourceType = g.ResourceType, ResourcePattern = g.ResourceId, Level = g.Level })
            .ToListAsync(cancellationToken);
        return await privileges.CoversAsync(caller, workspaceId, lines.Concat(grants), "The service account", cancellationToken);
    }

    private async Task<Result<CreatedToken>> IssueAsync(
        SlipwayPrincipal caller, SlipwayPrincipal owner, long? workspaceId, IssueTokenCommand command, CancellationToken cancellationToken)
    {
        Permission? ceiling = null;
        if (!string.IsNullOrWhiteSpace(command.MaxPermission))
        {
            var parsed = PermissionLevels.Parse(command.MaxPermission, "max_permission");
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            ceiling = parsed.Value;
        }

        if (caller.TokenMaxPermission is { } callerCeiling)
        {
            if (ceiling > callerCeiling)
            {
                return AccessErrors.TokenExceedsOwner(
                    $"The token you called with is capped at {PermissionLevels.Name(callerCeiling)}; a token it creates cannot carry {PermissionLevels.Name(ceiling)}.", "max_permission");
            }

            ceiling ??= callerCeiling;
        }

        var best = await BestLevelAsync(owner, workspaceId, cancellationToken);
        if (workspaceId is not null && best is null)
        {
            return AccessErrors.TokenExceedsOwner($"'{owner.Name}' holds nothing in workspace '{command.Workspace}', so a token bound to it could do nothing.", "workspace");
        }

        if (ceiling is { } max && (best is null || max > best))
        {
            return AccessErrors.TokenExceedsOwner(
                $"max_permission {PermissionLevels.Name(max)} is above what '{owner.Name}' holds ({PermissionLevels.Name(best) ?? "nothing"}).", "max_permission");
        }

        var expiry = Expiry(command);
        if (!expiry.IsSuccess)
        {
            return expiry.Error;
        }

        return await create.HandleAsync(
            new CreateTokenCommand(command.Name ?? string.Empty, owner.UserId, owner.Name, expiry.Value) { WorkspaceId = workspaceId, MaxPermission = ceiling },
            cancellationToken);
    }

    /// <summary>The owner's highest level in the workspace (anywhere when unbound); null when they hold no level.</summary>
    private async Task<Permission?> BestLevelAsync(SlipwayPrincipal owner, long? workspaceId, CancellationToken cancellationToken)
    {
        if (owner.IsAdmin)
        {
            return owner.Cap(Permission.Manage);
        }

        var levels = await evaluator.WorkspacesAsync(owner, db, cancellationToken);
        if (workspaceId is { } id)
        {
            return levels.TryGetValue(id, out var level) ? level : null;
        }

        return levels.Values.Max();
    }

    private Result<long?> Expiry(IssueTokenCommand command)
    {
        var now = time.GetUtcNow();
        if (command.ExpiresAt is { } at)
        {
            return command.NeverExpires
                ? Error.Invalid("Give either expires_at or never_expires, not both.", "never_expires")
                : at <= now.ToUnixTimeMilliseconds() ? Error.Invalid("expires_at must be in the future (epoch milliseconds).", "expires_at") : at;
        }

        if (command.NeverExpires || options.Value.TokenDefaultDays == 0)
        {
            return options.Value.AllowNonExpiringTokens
                ? (long?)null
                : Error.Invalid("Tokens without expiry are not allowed on this server (Auth:AllowNonExpiringTokens); give expires_at.", "never_expires");
        }

        return now.AddDays(options.Value.TokenDefaultDays).ToUnixTimeMilliseconds();
    }

    private async Task<Result<long?>> WorkspaceAsync(string? name, long? fallback, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        var found = await workspaces.FindAsync(name, cancellationToken);
        return found.IsSuccess ? found.Value.Id : found.Error;
    }
}
