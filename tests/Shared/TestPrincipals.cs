using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;

namespace Slipway.Tests;

/// <summary>
/// Sets up workspaces, users, roles and tokens straight through the server's own services, for tests about what
/// principals may do (the administration API has its own tests).
/// </summary>
public static class TestPrincipals
{
    public static async Task<long> CreateWorkspaceAsync(SlipwayTestServer server, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var workspace = new Workspace { Name = name, CreatedAt = 1 };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return workspace.Id;
    }

    public static async Task<long> CreateUserAsync(SlipwayTestServer server, string name, bool admin = false, string kind = PrincipalKinds.User)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var user = new User { Name = name, NormalizedName = name.ToLowerInvariant(), IsAdmin = admin, Kind = kind, CreatedAt = 1 };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A custom role in <paramref name="workspaceId"/> with <paramref name="level"/> on every resource type, and the given capabilities.</summary>
    public static async Task<long> CreateRoleAsync(SlipwayTestServer server, long workspaceId, string name, Permission? level, params string[] capabilities)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var role = new Role { WorkspaceId = workspaceId, Name = name, CreatedAt = 1 };
        db.Roles.Add(role);
        await db.SaveChangesAsync();
        if (level is not null)
        {
            db.RolePermissions.Add(new RolePermission { RoleId = role.Id, Level = level });
        }

        foreach (var capability in capabilities)
        {
            db.RolePermissions.Add(new RolePermission { RoleId = role.Id, Capability = capability });
        }

        await db.SaveChangesAsync();
        return role.Id;
    }

    public static async Task BindAsync(SlipwayTestServer server, long workspaceId, long roleId, long principalId, string kind = PrincipalKinds.User)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        db.RoleBindings.Add(new RoleBinding { WorkspaceId = workspaceId, RoleId = roleId, PrincipalKind = kind, PrincipalId = principalId, CreatedAt = 1 });
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<AccessEvaluator>().Invalidate();
    }

    public static async Task GrantAsync(SlipwayTestServer server, long workspaceId, long userId, string resourceType, string resourceId, Permission level)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        db.ResourceGrants.Add(new ResourceGrant
        {
            WorkspaceId = workspaceId, PrincipalKind = PrincipalKinds.User, PrincipalId = userId, ResourceType = resourceType,
            ResourceId = resourceId, Level = level, CreatedAt = 1,
        });
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<AccessEvaluator>().Invalidate();
    }

    /// <summary>A token of <paramref name="userId"/>, optionally bound to a workspace and capped, returning its secret.</summary>
    public static async Task<string> CreateTokenAsync(
        SlipwayTestServer server, long userId, string userName, long? workspaceId = null, Permission? maxPermission = null, long? expiresAt = null)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateToken>().HandleAsync(
            new CreateTokenCommand("t-" + Guid.NewGuid().ToString("N")[..12], userId, userName, expiresAt) { WorkspaceId = workspaceId, MaxPermission = maxPermission },
            CancellationToken.None);
        Assert.True(created.IsSuccess, created.IsSuccess ? "" : created.Error.Message);
        return created.Value.Secret;
    }

    /// <summary>A client with a token that acts in <paramref name="workspace"/> (the X-Slipway-Workspace header).</summary>
    public static HttpClient Client(SlipwayTestServer server, string? token, string? workspace = null)
    {
        var client = server.CreateClient(token);
        if (workspace is not null)
        {
            client.DefaultRequestHeaders.Add(RequestWorkspaces.Header, workspace);
        }

        return client;
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
