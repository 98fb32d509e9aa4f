using Slipway.Contracts.Governance;

namespace Slipway.Client;

/// <summary>Local groups (<c>/api/v1/groups</c>); every call needs a platform admin.</summary>
public sealed class GroupsClient
{
    private const string Path = "api/v1/groups";
    private readonly SlipwayHttp http;

    internal GroupsClient(SlipwayHttp http) => this.http = http;

    /// <summary>Every group with its members' names.</summary>
    public async Task<IReadOnlyList<GroupResponse>> ListAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(Path, SlipwayJsonContext.Default.ListGroupResponse, cancellationToken).ConfigureAwait(false);

    /// <summary>One group by name (case-insensitive).</summary>
    /// <exception cref="SlipwayApiException">404 when no group has the name.</exception>
    public Task<GroupResponse> GetAsync(string name, CancellationToken cancellationToken = default) =>
        http.GetAsync(GroupPath(name), SlipwayJsonContext.Default.GroupResponse, cancellationToken);

    /// <summary>Creates an empty group.</summary>
    /// <exception cref="SlipwayApiException">409 when the name is taken, 400 for an invalid name.</exception>
    public Task<GroupResponse> CreateAsync(string name, string? description = null, CancellationToken cancellationToken = default) =>
        http.SendJsonAsync(HttpMethod.Post, Path, new CreateGroupRequest(name, description), SlipwayJsonContext.Default.CreateGroupRequest, SlipwayJsonContext.Default.GroupResponse, cancellationToken);

    /// <summary>Deletes a group, its memberships and the roles bound to it.</summary>
    public Task<GroupResponse> DeleteAsync(string name, CancellationToken cancellationToken = default) => SendAsync(HttpMethod.Delete, GroupPath(name), cancellationToken);

    /// <summary>Adds a user to a group; adding a member again changes nothing.</summary>
    /// <exception cref="SlipwayApiException">404 for an unknown group or user.</exception>
    public Task<GroupResponse> AddMemberAsync(string name, string user, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Put, MemberPath(name, user), cancellationToken);

    /// <summary>Removes a user from a group; removing a non-member changes nothing.</summary>
    public Task<GroupResponse> RemoveMemberAsync(string name, string user, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, MemberPath(name, user), cancellationToken);

    private static string GroupPath(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return $"{Path}/{Uri.EscapeDataString(name)}";
    }

    private static string MemberPath(string name, string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        return $"{GroupPath(name)}/members/{Uri.EscapeDataString(user)}";
    }

    private async Task<GroupResponse> SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        return await http.SendForJsonAsync(request, SlipwayJsonContext.Default.GroupResponse, cancellationToken).ConfigureAwait(false);
    }
}
