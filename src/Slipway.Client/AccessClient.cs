using Slipway.Contracts.Governance;

namespace Slipway.Client;

/// <summary>
/// A workspace's roles, role bindings and direct grants (<c>/api/v1/workspaces/{workspace}/…</c>). Every call needs
/// MANAGE on the workspace (the Workspace Admin role) or platform admin, and nobody can give more than they hold.
/// </summary>
public sealed class AccessClient
{
    private readonly SlipwayHttp http;

    internal AccessClient(SlipwayHttp http) => this.http = http;

    /// <summary>The built-in roles and the workspace's custom roles.</summary>
    public async Task<IReadOnlyList<RoleResponse>> ListRolesAsync(string workspace, CancellationToken cancellationToken = default) =>
        await http.GetAsync(Root(workspace) + "/roles", SlipwayJsonContext.Default.ListRoleResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates a custom role.</summary>
    /// <exception cref="SlipwayApiException">400 for an unknown resource type, level or capability; 403 <c>privilege_escalation</c> when it gives more than the caller holds; 409 when the name is taken.</exception>
    public Task<RoleResponse> CreateRoleAsync(string workspace, RoleRequest role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        return http.SendJsonAsync(
            HttpMethod.Post, Root(workspace) + "/roles", role, SlipwayJsonContext.Default.RoleRequest, SlipwayJsonContext.Default.RoleResponse, cancellationToken);
    }

    /// <summary>Replaces a custom role's description, permissions and capabilities.</summary>
    /// <exception cref="SlipwayApiException">409 <c>builtin_role_read_only</c> for a built-in role.</exception>
    public Task<RoleResponse> UpdateRoleAsync(string workspace, string name, RoleRequest role, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(role);
        return http.SendJsonAsync(
            HttpMethod.Put, $"{Root(workspace)}/roles/{Uri.EscapeDataString(name)}", role,
            SlipwayJsonContext.Default.RoleRequest, SlipwayJsonContext.Default.RoleResponse, cancellationToken);
    }

    /// <summary>Deletes a custom role and its bindings.</summary>
    /// <exception cref="SlipwayApiException">409 <c>builtin_role_read_only</c> for a built-in role.</exception>
    public Task<RoleResponse> DeleteRoleAsync(string workspace, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return DeleteAsync($"{Root(workspace)}/roles/{Uri.EscapeDataString(name)}", SlipwayJsonContext.Default.RoleResponse, cancellationToken);
    }

    /// <summary>Who holds which role in the workspace.</summary>
    public async Task<IReadOnlyList<BindingResponse>> ListBindingsAsync(string workspace, CancellationToken cancellationToken = default) =>
        await http.GetAsync(Root(workspace) + "/bindings", SlipwayJsonContext.Default.ListBindingResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>Gives a user, service account or group a role in the workspace.</summary>
    /// <exception cref="SlipwayApiException">403 <c>privilege_escalation</c> when the role carries more than the caller holds; 409 when already bound.</exception>
    public Task<BindingResponse> AddBindingAsync(string workspace, CreateBindingRequest binding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return http.SendJsonAsync(
            HttpMethod.Post, Root(workspace) + "/bindings", binding,
            SlipwayJsonContext.Default.CreateBindingRequest, SlipwayJsonContext.Default.BindingResponse, cancellationToken);
    }

    /// <summary>Removes a role binding by id.</summary>
    public Task<BindingResponse> RemoveBindingAsync(string workspace, long id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"{Root(workspace)}/bindings/{id}", SlipwayJsonContext.Default.BindingResponse, cancellationToken);

    /// <summary>The workspace's direct grants, optionally of one resource type, or of one resource (<paramref name="resourceId"/> needs <paramref name="resourceType"/>).</summary>
    public async Task<IReadOnlyList<GrantResponse>> ListGrantsAsync(
        string workspace, string? resourceType = null, string? resourceId = null, CancellationToken cancellationToken = default)
    {
        var uri = new QueryString(Root(workspace) + "/grants").Add("resource_type", resourceType).Add("resource_id", resourceId);
        return await http.GetAsync(uri.ToString(), SlipwayJsonContext.Default.ListGrantResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives a user or group a level on one experiment or registered model of the workspace, replacing any earlier level.</summary>
    /// <exception cref="SlipwayApiException">404 when the resource is not in the workspace or the principal does not exist.</exception>
    public Task<GrantResponse> SetGrantAsync(string workspace, SetGrantRequest grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return http.SendJsonAsync(
            HttpMethod.Put, Root(workspace) + "/grants", grant, SlipwayJsonContext.Default.SetGrantRequest, SlipwayJsonContext.Default.GrantResponse, cancellationToken);
    }

    /// <summary>Removes a direct grant by id.</summary>
    public Task<GrantResponse> RemoveGrantAsync(string workspace, long id, CancellationToken cancellationToken = default) =>
        DeleteAsync($"{Root(workspace)}/grants/{id}", SlipwayJsonContext.Default.GrantResponse, cancellationToken);

    private static string Root(string workspace)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspace);
        return $"api/v1/workspaces/{Uri.EscapeDataString(workspace)}";
    }

    private async Task<T> DeleteAsync<T>(string uri, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, uri);
        return await http.SendForJsonAsync(request, type, cancellationToken).ConfigureAwait(false);
    }
}
