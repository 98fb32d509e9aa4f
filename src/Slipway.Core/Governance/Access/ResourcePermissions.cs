using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Governance.Access;

/// <summary>One user's permission on one resource, as MLflow's permission endpoints show it.</summary>
public sealed record ResourcePermission(GrantTarget Target, PrincipalRef User, string Permission);

/// <summary>
/// MLflow's per-user permissions on experiments and registered models (<c>/permissions/{create,get,update,delete}</c>)
/// over the grant store (governance.md §8.1). Every call needs MANAGE on the resource. Slipway has no deny and new
/// users hold nothing, so <c>NO_PERMISSIONS</c> is the absence of a direct grant: writing it removes the grant.
/// </summary>
public sealed class ResourcePermissions(GrantTargets targets, PrincipalNames names, GrantStore store, CurrentActor actor)
{
    public const string NoPermissions = "NO_PERMISSIONS";

    public Task<Result<GrantTarget>> ExperimentAsync(string? experimentId, CancellationToken cancellationToken) =>
        targets.ExperimentAsync(experimentId, cancellationToken);

    /// <summary>A registered model by name in the request's workspace.</summary>
    public Task<Result<GrantTarget>> RegisteredModelAsync(string? name, CancellationToken cancellationToken) =>
        targets.RegisteredModelAsync(actor.WorkspaceId, name, byIdToo: false, cancellationToken);

    public async Task<Result<ResourcePermission>> GetAsync(
        SlipwayPrincipal caller, Result<GrantTarget> target, string? username, CancellationToken cancellationToken)
    {
        var checkedTarget = await CheckAsync(caller, target, username, cancellationToken);
        if (!checkedTarget.IsSuccess)
        {
            return checkedTarget.Error;
        }

        var (resource, user) = checkedTarget.Value;
        var grant = await store.FindAsync(resource, user, cancellationToken);
        return grant is null
            ? Error.NotFound($"User '{user.Name}' has no permission on {resource.ResourceType} '{resource.Name}'.")
            : new ResourcePermission(resource, user, PermissionLevels.Name(grant.Level));
    }

    public async Task<Result<ResourcePermission>> WriteAsync(
        SlipwayPrincipal caller, Result<GrantTarget> target, string? username, string? permission, GrantWrite mode, CancellationToken cancellationToken)
    {
        var none = string.Equals(permission?.Trim(), NoPermissions, StringComparison.OrdinalIgnoreCase);
        var level = Permission.Read;
        if (!none)
        {
            var parsed = PermissionLevels.Parse(permission, "permission");
            if (!parsed.IsSuccess)
            {
                return string.IsNullOrWhiteSpace(permission)
                    ? parsed.Error
                    : Error.Invalid($"Invalid permission '{permission}': use READ, USE, EDIT, MANAGE or NO_PERMISSIONS.", "permission");
            }

            level = parsed.Value;
        }

        var checkedTarget = await CheckAsync(caller, target, username, cancellationToken);
        if (!checkedTarget.IsSuccess)
        {
            return checkedTarget.Error;
        }

        var (resource, user) = checkedTarget.Value;
        if (!none)
        {
            var grant = await store.SetAsync(caller, resource, user, level, mode, cancellationToken);
            return grant.IsSuccess ? new ResourcePermission(resource, user, PermissionLevels.Name(grant.Value.Level)) : grant.Error;
        }

        var existing = await store.FindAsync(resource, user, cancellationToken);
        if ((existing is null && mode == GrantWrite.UpdateOnly) || (existing is not null && mode == GrantWrite.CreateOnly))
        {
            return existing is null
                ? Error.NotFound($"User '{user.Name}' has no permission on {resource.ResourceType} '{resource.Name}'.")
                : Error.AlreadyExists($"User '{user.Name}' already has a permission on {resource.ResourceType} '{resource.Name}'.");
        }

        if (existing is not null)
        {
            var removed = await store.DeleteAsync(caller, resource, user, cancellationToken);
            if (!removed.IsSuccess)
            {
                return removed.Error;
            }
        }

        return new ResourcePermission(resource, user, NoPermissions);
    }

    public async Task<Result<ResourcePermission>> DeleteAsync(
        SlipwayPrincipal caller, Result<GrantTarget> target, string? username, CancellationToken cancellationToken)
    {
        var checkedTarget = await CheckAsync(caller, target, username, cancellationToken);
        if (!checkedTarget.IsSuccess)
        {
            return checkedTarget.Error;
        }

        var (resource, user) = checkedTarget.Value;
        var removed = await store.DeleteAsync(caller, resource, user, cancellationToken);
        return removed.IsSuccess ? new ResourcePermission(resource, user, PermissionLevels.Name(removed.Value.Level)) : removed.Error;
    }

    private async Task<Result<(GrantTarget Target, PrincipalRef User)>> CheckAsync(
        SlipwayPrincipal caller, Result<GrantTarget> target, string? username, CancellationToken cancellationToken)
    {
        if (!target.IsSuccess)
        {
            return target.Error;
        }

        if (string.IsNullOrWhiteSpace(username))
        {
            return Error.MissingField("username");
        }

        if (await store.ManageAsync(caller, target.Value, cancellationToken) is { } denied)
        {
            return denied;
        }

        var user = await names.UserAsync(username, "username", cancellationToken);
        return user.IsSuccess ? (target.Value, user.Value) : user.Error;
    }
}
