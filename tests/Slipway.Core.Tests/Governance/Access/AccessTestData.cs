using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry;
using Slipway.Core.Tracking;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

/// <summary>Rows the user and group APIs will create once they exist, written straight to the test server's database.</summary>
internal static class AccessTestData
{
    public static async Task<SlipwayPrincipal> AddUserAsync(SlipwayTestServer server, string name, string kind = PrincipalKinds.User)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var user = new User { Name = name, NormalizedName = name.ToLowerInvariant(), Kind = kind, CreatedAt = 1 };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new SlipwayPrincipal(user.Id, user.Name, IsAdmin: false, AuthMethods.Token) { Kind = kind };
    }

    public static async Task<long> AddWorkspaceAsync(SlipwayTestServer server, string name)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var workspace = new Workspace { Name = name, CreatedAt = 1 };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync();
        return workspace.Id;
    }

    public static async Task BindAsync(SlipwayTestServer server, long workspaceId, long roleId, SlipwayPrincipal user)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        db.RoleBindings.Add(new RoleBinding { WorkspaceId = workspaceId, RoleId = roleId, PrincipalKind = PrincipalKinds.User, PrincipalId = user.UserId });
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<AccessEvaluator>().Invalidate();
    }

    public static async Task<long> AddExperimentAsync(SlipwayTestServer server, long workspaceId, string name)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var experiment = new Experiment { Name = name, WorkspaceId = workspaceId, ArtifactLocation = "mlflow-artifacts:/x" };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync();
        return experiment.Id;
    }

    public static async Task<long> AddRegisteredModelAsync(SlipwayTestServer server, long workspaceId, string name)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var model = new RegisteredModel { Name = name, WorkspaceId = workspaceId };
        db.RegisteredModels.Add(model);
        await db.SaveChangesAsync();
        return model.Id;
    }

    /// <summary>Runs a use case in its own scope, as the request pipeline would, for callers the middleware does not let through yet.</summary>
    public static async Task<T> AsAsync<THandler, T>(SlipwayTestServer server, Func<THandler, Task<T>> call)
        where THandler : notnull
    {
        using var scope = server.Services.CreateScope();
        return await call(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    public static async Task<Permission?> LevelAsync(SlipwayTestServer server, SlipwayPrincipal principal, long workspaceId, string type, string id)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        return await scope.ServiceProvider.GetRequiredService<AccessEvaluator>().LevelAsync(principal, workspaceId, type, id, db, CancellationToken.None);
    }
}
