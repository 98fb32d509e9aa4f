using Slipway.Contracts.Governance;

namespace Slipway.Client;

/// <summary>The <c>/api/v1/workspaces</c> resource: the boundaries that experiments and registered models belong to.</summary>
public sealed class WorkspacesClient
{
    private const string Path = "api/v1/workspaces";
    private readonly SlipwayHttp http;

    internal WorkspacesClient(SlipwayHttp http) => this.http = http;

    /// <summary>The workspaces the caller holds a role or grant in; every workspace for platform admins.</summary>
    public async Task<IReadOnlyList<WorkspaceResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(Path, SlipwayJsonContext.Default.ListWorkspaceResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>One workspace.</summary>
    /// <exception cref="SlipwayApiException">404 when it does not exist or the caller holds nothing in it.</exception>
    public Task<WorkspaceResponse> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return http.GetAsync($"{Path}/{Uri.EscapeDataString(name)}", SlipwayJsonContext.Default.WorkspaceResponse, cancellationToken);
    }

    /// <summary>Creates a workspace (platform admins). Names: lower-case letters, digits and dashes, at most 63 characters.</summary>
    /// <exception cref="SlipwayApiException">400 for an invalid name, 409 when it exists.</exception>
    public Task<WorkspaceResponse> CreateAsync(string name, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return http.SendJsonAsync(
            HttpMethod.Post, Path, new CreateWorkspaceRequest(name, description),
            SlipwayJsonContext.Default.CreateWorkspaceRequest, SlipwayJsonContext.Default.WorkspaceResponse, cancellationToken);
    }

    /// <summary>Replaces a workspace's description (platform admins or its Workspace Admins); null clears it.</summary>
    public Task<WorkspaceResponse> UpdateAsync(string name, string? description, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return http.SendJsonAsync(
            HttpMethod.Patch, $"{Path}/{Uri.EscapeDataString(name)}", new UpdateWorkspaceRequest(description),
            SlipwayJsonContext.Default.UpdateWorkspaceRequest, SlipwayJsonContext.Default.WorkspaceResponse, cancellationToken);
    }

    /// <summary>Deletes an empty workspace with its custom roles, bindings, grants and bound tokens (platform admins).</summary>
    /// <exception cref="SlipwayApiException">409 for <c>default</c> or a workspace that still holds experiments, registered models or webhooks.</exception>
    public async Task<WorkspaceResponse> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Path}/{Uri.EscapeDataString(name)}");
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.WorkspaceResponse, cancellationToken).ConfigureAwait(false);
    }
}
