using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

/// <summary>Tokens are scoped to a workspace and a ceiling and never exceed their owner (governance.md §6.5, §8.8).</summary>
public sealed class TokenScopeTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Token_cannot_exceed_owner(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        await AccessTestData.AddWorkspaceAsync(server, "team-b");
        var alice = await AccessTestData.AddUserAsync(server, "alice");
        await AccessTestData.BindAsync(server, a, BuiltinRoles.ViewerId, alice);

        async Task<Result<CreatedToken>> IssueAsync(SlipwayPrincipal caller, IssueTokenCommand command) =>
            await AccessTestData.AsAsync<IssueToken, Result<CreatedToken>>(server, h => h.ForSelfAsync(caller, command, CancellationToken.None));

        var nowhere = await IssueAsync(alice, new IssueTokenCommand("b", Workspace: "team-b"));
        Assert.Equal(("token_exceeds_owner", "workspace"), (nowhere.Error?.Code, nowhere.Error?.Field));
        var above = await IssueAsync(alice, new IssueTokenCommand("a-manage", Workspace: "team-a", MaxPermission: "MANAGE"));
        Assert.Equal(("token_exceeds_owner", "max_permission"), (above.Error?.Code, above.Error?.Field));
        var unbound = await IssueAsync(alice, new IssueTokenCommand("any-edit", MaxPermission: "edit"));
        Assert.Equal("token_exceeds_owner", unbound.Error?.Code);

        var read = await IssueAsync(alice, new IssueTokenCommand("a-read", Workspace: "team-a", MaxPermission: "read"));
        Assert.True(read.IsSuccess, read.Error?.Message);
        Assert.Equal((alice.UserId, a, Permission.Read), (read.Value.Token.UserId, read.Value.Token.WorkspaceId, read.Value.Token.MaxPermission));

        // A narrowed token cannot mint a wider one.
        var viaToken = alice with { TokenWorkspaceId = a, TokenMaxPermission = Permission.Read };
        await AccessTestData.BindAsync(server, a, BuiltinRoles.WorkspaceAdminId, alice);
        Assert.Equal("token_exceeds_owner", (await IssueAsync(viaToken, new IssueTokenCommand("wider", MaxPermission: "EDIT"))).Error?.Code);
        Assert.Equal("token_exceeds_owner", (await IssueAsync(viaToken, new IssueTokenCommand("elsewhere", Workspace: "team-b"))).Error?.Code);
        var inherited = await IssueAsync(viaToken, new IssueTokenCommand("same"));
        Assert.True(inherited.IsSuccess, inherited.Error?.Message);
        Assert.Equal((a, Permission.Read), (inherited.Value.Token.WorkspaceId, inherited.Value.Token.MaxPermission));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_token_bound_to_one_workspace_sees_nothing_of_another_and_a_READ_token_stays_READ(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        var b = await AccessTestData.AddWorkspaceAsync(server, "team-b");
        var alice = await AccessTestData.AddUserAsync(server, "alice");
        await AccessTestData.BindAsync(server, a, BuiltinRoles.WorkspaceAdminId, alice);
        await AccessTestData.BindAsync(server, b, BuiltinRoles.WorkspaceAdminId, alice);
        var created = await AccessTestData.AsAsync<IssueToken, Result<CreatedToken>>(
            server, h => h.ForSelfAsync(alice, new IssueTokenCommand("a-read", Workspace: "team-a", MaxPermission: "READ"), CancellationToken.None));
        Assert.True(created.IsSuccess, created.Error?.Message);

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var principal = await scope.ServiceProvider.GetRequiredService<TokenValidator>().ValidateAsync(created.Value.Secret, AuthMethods.Token, db, CancellationToken.None);
        Assert.NotNull(principal);
        var evaluator = scope.ServiceProvider.GetRequiredService<AccessEvaluator>();
        Assert.Equal(Permission.Read, await evaluator.LevelAsync(principal, a, ResourceTypes.Experiment, "1", db, CancellationToken.None));
        Assert.Null(await evaluator.LevelAsync(principal, b, ResourceTypes.Experiment, "1", db, CancellationToken.None));
        Assert.False(await evaluator.HasCapabilityAsync(principal, b, Capabilities.ManageTokens, db, CancellationToken.None));
        var readable = await evaluator.ReadableAsync(principal, ResourceTypes.Experiment, Permission.Read, db, CancellationToken.None);
        Assert.Equal([a], readable.Workspaces);
        Assert.True((await evaluator.ReadableAsync(principal, ResourceTypes.Experiment, Permission.Edit, db, CancellationToken.None)).IsEmpty);

        var workspaces = await AccessTestData.AsAsync<Slipway.Core.Governance.Workspaces.ListWorkspaces, List<Workspace>>(
            server, h => h.HandleAsync(principal, CancellationToken.None));
        Assert.Equal(["team-a"], workspaces.Select(w => w.Name).ToArray());
        var manage = await AccessTestData.AsAsync<ListBindings, Result<List<BindingView>>>(server, h => h.HandleAsync(principal, "team-a", CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, manage.Error?.Kind);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Tokens_expire_after_the_default_lifetime_unless_non_expiring_tokens_are_allowed(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var created = await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "ci" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token");
        var lifetime = token.GetProperty("expires_at").GetInt64() - token.GetProperty("created_at").GetInt64();
        Assert.Equal(TimeSpan.FromDays(90).TotalMilliseconds, lifetime, tolerance: 1000);

        var forever = await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "forever", never_expires = true });
        Assert.Equal(HttpStatusCode.BadRequest, forever.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "x", max_permission = "OWNER" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsJsonAsync("api/v1/tokens", new { name = "x", workspace = "absent" })).StatusCode);

        await using var permissive = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:AllowNonExpiringTokens"] = "true" });
        var allowed = await permissive.Client.PostAsJsonAsync("api/v1/tokens", new { name = "forever", never_expires = true });
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetProperty("expires_at").ValueKind);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Mass_assignment_is_admin_owner_ignored_or_400(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var mallory = await AccessTestData.AddUserAsync(server, "mallory");
        var created = await server.Client.PostAsJsonAsync(
            "api/v1/tokens", new { name = "mine", user_id = mallory.UserId, principal = "mallory", owner = "mallory", is_admin = false, hash = "00" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token");
        Assert.Equal("admin", token.GetProperty("principal").GetString());
        Assert.False(token.TryGetProperty("hash", out _));

        var binding = await server.Client.PostAsJsonAsync("api/v1/workspaces/default/bindings", new { role = "Viewer", user = "mallory", created_by = "system", is_admin = true });
        Assert.Equal("admin", (await binding.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created_by").GetString());
        Assert.Equal(Permission.Read, await AccessTestData.LevelAsync(server, mallory, Workspace.DefaultId, ResourceTypes.Workspace, ResourceTypes.Any));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Service_account_tokens_are_created_by_the_workspace_admin_within_the_account_rights(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        await AccessTestData.AddWorkspaceAsync(server, "team-b");
        var robot = await AccessTestData.AddUserAsync(server, "scorer", PrincipalKinds.Service);
        await AccessTestData.BindAsync(server, a, BuiltinRoles.ViewerId, robot);
        var carol = await AccessTestData.AddUserAsync(server, "carol");
        await AccessTestData.BindAsync(server, a, BuiltinRoles.WorkspaceAdminId, carol);
        await AccessTestData.AddUserAsync(server, "person");

        var created = await server.Client.PostAsJsonAsync("api/v1/service-accounts/scorer/tokens", new { name = "scorer-ci", workspace = "team-a", max_permission = "READ" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token");
        Assert.Equal(("scorer", "team-a", "READ"), (token.GetProperty("principal").GetString(), token.GetProperty("workspace").GetString(), token.GetProperty("max_permission").GetString()));

        var exceeding = await server.Client.PostAsJsonAsync("api/v1/service-accounts/scorer/tokens", new { name = "scorer-edit", workspace = "team-a", max_permission = "EDIT" });
        Assert.Equal(HttpStatusCode.BadRequest, exceeding.StatusCode);
        Assert.Equal("token_exceeds_owner", (await exceeding.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsJsonAsync("api/v1/service-accounts/scorer/tokens", new { name = "scorer-b", workspace = "team-b" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsJsonAsync("api/v1/service-accounts/person/tokens", new { name = "p", workspace = "team-a" })).StatusCode);

        var byWorkspaceAdmin = await AccessTestData.AsAsync<IssueToken, Result<CreatedToken>>(
            server, h => h.ForServiceAccountAsync(carol, "scorer", new IssueTokenCommand("scorer-carol", Workspace: "team-a"), CancellationToken.None));
        Assert.True(byWorkspaceAdmin.IsSuccess, byWorkspaceAdmin.Error?.Message);
        Assert.Equal(robot.UserId, byWorkspaceAdmin.Value.Token.UserId);
        var outside = await AccessTestData.AsAsync<IssueToken, Result<CreatedToken>>(
            server, h => h.ForServiceAccountAsync(carol, "scorer", new IssueTokenCommand("scorer-b2", Workspace: "team-b"), CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, outside.Error?.Kind);
        var unbound = await AccessTestData.AsAsync<IssueToken, Result<CreatedToken>>(
            server, h => h.ForServiceAccountAsync(carol, "scorer", new IssueTokenCommand("scorer-any"), CancellationToken.None));
        Assert.Equal(ErrorKind.Invalid, unbound.Error?.Kind);

        // Callers list their own tokens; platform admins may list all; revoking another's token finds nothing.
        var own = await server.Client.GetFromJsonAsync<JsonElement>("api/v1/tokens");
        Assert.DoesNotContain("scorer-ci", own.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var all = await server.Client.GetFromJsonAsync<JsonElement>("api/v1/tokens?all=true");
        Assert.Contains("scorer-ci", all.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var carolsList = await AccessTestData.AsAsync<ListTokens, Result<List<TokenView>>>(server, h => h.HandleAsync(carol, all: true, CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, carolsList.Error?.Kind);
        var revoke = await AccessTestData.AsAsync<RevokeToken, Result<ApiToken>>(server, h => h.HandleAsync(carol, "scorer-ci", CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, revoke.Error?.Kind);
    }
}
