using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Identity;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Oidc;

/// <summary>
/// Single sign-on against a real identity provider on loopback (oidc-provider, tests/idp), driven end to end over
/// HTTP: login redirect, sign-in at the provider, callback with the code, session cookie (governance.md §8.8).
/// </summary>
public sealed class OidcSignInTests(IdentityProviderFixture idp) : IClassFixture<IdentityProviderFixture>
{
    private Task<SlipwayTestServer> StartServerAsync(Provider provider = Provider.Sqlite, Dictionary<string, string?>? extra = null)
    {
        var settings = idp.Provider.Settings();
        settings["Auth:Oidc:AdminGroups:0"] = "platform-admins";
        settings["Auth:Oidc:GroupRoles:0:Group"] = "ml-engineers";
        settings["Auth:Oidc:GroupRoles:0:Workspace"] = "default";
        settings["Auth:Oidc:GroupRoles:0:Role"] = "ML Engineer";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return SlipwayTestServer.StartAsync(provider, settings: settings);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Oidc_sign_in_creates_the_user_just_in_time_with_no_grants_and_its_session_cookie_authenticates(Provider provider)
    {
        await using var server = await StartServerAsync(provider);
        using var browser = new OidcBrowser(server.BaseAddress);

        using var callback = await browser.SignInAsync("alice", groups: "data-scientists");

        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        Assert.Equal("/after-login", callback.Headers.Location!.OriginalString);
        var setSession = OidcBrowser.SetCookie(callback, OidcBrowser.SessionCookie);
        Assert.NotNull(setSession);
        Assert.Contains("httponly", setSession, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setSession, StringComparison.OrdinalIgnoreCase);
        // The single-use login state is cleared.
        Assert.Contains("expires=Thu, 01 Jan 1970", OidcBrowser.SetCookie(callback, OidcBrowser.LoginCookie), StringComparison.Ordinal);

        // The session authenticates; the new user may see itself and nothing else.
        var session = OidcBrowser.Cookie(setSession);
        using (var whoami = await browser.GetWithSessionAsync("api/v1/auth/whoami", session))
        {
            Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
            Assert.Contains("alice", await whoami.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var users = await browser.GetWithSessionAsync("api/v1/users", session))
        {
            Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        }

        using (var experiment = await browser.GetWithSessionAsync("api/2.0/mlflow/experiments/get?experiment_id=0", session))
        {
            Assert.Equal(HttpStatusCode.Forbidden, experiment.StatusCode);
        }

        using (var without = await server.CreateClient(token: null).GetAsync("api/v1/auth/whoami"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        }

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var user = await db.Users.SingleAsync(u => u.Name == "alice");
        Assert.Equal(idp.Provider.Authority, user.OidcIssuer);
        Assert.Equal("alice", user.OidcSubject);
        Assert.Equal("alice@example.test", user.Email);
        Assert.Equal("Alice Example", user.DisplayName);
        Assert.False(user.IsAdmin);
        Assert.Null(user.PasswordHash);
        Assert.Equal("oidc", (await db.Groups.SingleAsync(g => g.Name == "data-scientists")).Source);
        Assert.False(await db.RoleBindings.AnyAsync(b => b.PrincipalKind == PrincipalKinds.User && b.PrincipalId == user.Id));
        Assert.False(await db.ResourceGrants.AnyAsync(g => g.PrincipalKind == PrincipalKinds.User && g.PrincipalId == user.Id));
        var row = await db.UserSessions.SingleAsync(s => s.UserId == user.Id);
        Assert.Equal("oidc", row.AuthMethod);
        Assert.Null(row.MfaAt);

        var login = await db.AuditEvents.Where(e => e.Action == "auth.login").SingleAsync();
        Assert.Equal("success", login.Outcome);
        var actor = JsonDocument.Parse(login.Actor).RootElement;
        Assert.Equal("oidc", actor.GetProperty("auth").GetString());
        Assert.Equal("alice", actor.GetProperty("name").GetString());
        Assert.Contains("\"user_created\":true", login.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oidc_group_mapping_applied()
    {
        await using var server = await StartServerAsync();
        using var browser = new OidcBrowser(server.BaseAddress);
        // An admin bound a role to the group before anyone from it signed in: groups are principals.
        long readers;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var group = new Group { Name = "readers", NormalizedName = "readers", Source = Group.OidcSource };
            var local = new Group { Name = "local-team", NormalizedName = "local-team", Source = Group.LocalSource };
            db.Groups.AddRange(group, local);
            await db.SaveChangesAsync();
            readers = group.Id;
            db.RoleBindings.Add(new RoleBinding { WorkspaceId = Workspace.DefaultId, RoleId = BuiltinRoles.ViewerId, PrincipalKind = PrincipalKinds.Group, PrincipalId = readers });
            await db.SaveChangesAsync();
        }

        using var first = await browser.SignInAsync("erin", groups: "ml-engineers,readers,local-team");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        // The mapped roles take effect at once: READ on the default experiment.
        using (var experiment = await browser.GetWithSessionAsync("api/2.0/mlflow/experiments/get?experiment_id=0", OidcBrowser.Cookie(OidcBrowser.SetCookie(first, OidcBrowser.SessionCookie)!)))
        {
            Assert.Equal(HttpStatusCode.OK, experiment.StatusCode);
        }

        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var erin = await db.Users.SingleAsync(u => u.Name == "erin");
            Assert.Equal(["ml-engineers", "readers"], await GroupsOfAsync(db, erin.Id));
            // Auth:Oidc:GroupRoles made the binding for the new group; the admin's binding applies through membership.
            Assert.Equal([("ml-engineers", BuiltinRoles.MlEngineerId), ("readers", BuiltinRoles.ViewerId)], await RolesOfAsync(db, erin.Id));
            Assert.Equal(1, await db.RoleBindings.CountAsync(b => b.RoleId == BuiltinRoles.MlEngineerId));

            // A local group's members are managed here, not by the identity provider.
            db.GroupMembers.Add(new GroupMember { GroupId = (await db.Groups.SingleAsync(g => g.Name == "local-team")).Id, UserId = erin.Id });
            await db.SaveChangesAsync();
        }

        // Left ml-engineers at the provider: the membership follows, the local group and the bindings stay.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("erin", groups: "readers")).StatusCode);
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var erin = await db.Users.SingleAsync(u => u.Name == "erin");
            Assert.Equal(["local-team", "readers"], await GroupsOfAsync(db, erin.Id));
            Assert.Equal([("readers", BuiltinRoles.ViewerId)], await RolesOfAsync(db, erin.Id));
            Assert.Equal(1, await db.RoleBindings.CountAsync(b => b.RoleId == BuiltinRoles.MlEngineerId));
            var events = await db.AuditEvents.Where(e => e.Action == "auth.login").OrderBy(e => e.Seq).Select(e => e.Changes).ToListAsync();
            Assert.Contains("role_bindings_created", events[0], StringComparison.Ordinal);
            Assert.Contains("\"groups_left\":[\"ml-engineers\"]", events[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Oidc_JIT_keeps_grants()
    {
        await using var server = await StartServerAsync();
        using var browser = new OidcBrowser(server.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("frank")).StatusCode);
        long id;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            id = (await db.Users.SingleAsync(u => u.Name == "frank")).Id;
            db.ResourceGrants.Add(new ResourceGrant
            {
                WorkspaceId = Workspace.DefaultId, PrincipalKind = PrincipalKinds.User, PrincipalId = id, ResourceType = ResourceTypes.Experiment, ResourceId = "0", Level = Permission.Edit,
            });
            db.RoleBindings.Add(new RoleBinding { WorkspaceId = Workspace.DefaultId, RoleId = BuiltinRoles.ApproverId, PrincipalKind = PrincipalKinds.User, PrincipalId = id });
            await db.SaveChangesAsync();
        }

        // Approvers need MFA (governance.md §6.6): the provider has to have asked for it.
        using var second = await browser.SignInAsync("frank", groups: "readers", amr: "pwd,mfa");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        using (var experiment = await browser.GetWithSessionAsync("api/2.0/mlflow/experiments/get?experiment_id=0", OidcBrowser.Cookie(OidcBrowser.SetCookie(second, OidcBrowser.SessionCookie)!)))
        {
            Assert.Equal(HttpStatusCode.OK, experiment.StatusCode);
        }

        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            Assert.Equal(id, (await db.Users.SingleAsync(u => u.OidcSubject == "frank")).Id);
            Assert.Equal(Permission.Edit, (await db.ResourceGrants.SingleAsync(g => g.PrincipalKind == PrincipalKinds.User && g.PrincipalId == id)).Level);
            Assert.Equal(BuiltinRoles.ApproverId, (await db.RoleBindings.SingleAsync(b => b.PrincipalKind == PrincipalKinds.User && b.PrincipalId == id)).RoleId);
            Assert.Equal(2, await db.UserSessions.CountAsync(s => s.UserId == id));
        }
    }

    [Fact]
    public async Task Oidc_user_whose_name_is_taken_by_a_local_user_gets_a_suffixed_name_and_never_the_local_account()
    {
        await using var server = await StartServerAsync();
        using var browser = new OidcBrowser(server.BaseAddress);
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            db.Users.Add(new User { Name = "Dana", NormalizedName = "dana", PasswordHash = "local" });
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("dana")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("admin", groups: "readers")).StatusCode);

        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var local = await db.Users.SingleAsync(u => u.NormalizedName == "dana");
            Assert.Null(local.OidcSubject);
            Assert.Equal("local", local.PasswordHash);
            Assert.Equal("dana", (await db.Users.SingleAsync(u => u.Name == "dana-2")).OidcSubject);
            var admin = await db.Users.SingleAsync(u => u.Id == User.AdminId);
            Assert.Null(admin.OidcSubject);
            Assert.Equal("admin", (await db.Users.SingleAsync(u => u.Name == "admin-2")).OidcSubject);
            Assert.False(await db.UserSessions.AnyAsync(s => s.UserId == User.AdminId || s.UserId == local.Id));
        }
    }

    [Fact]
    public async Task Oidc_admin_group_members_are_platform_admins_and_mfa_in_amr_marks_the_session()
    {
        await using var server = await StartServerAsync();
        using var browser = new OidcBrowser(server.BaseAddress);

        using var callback = await browser.SignInAsync("grace", groups: "platform-admins", amr: "pwd,mfa");

        var session = OidcBrowser.Cookie(OidcBrowser.SetCookie(callback, OidcBrowser.SessionCookie)!);
        using (var users = await browser.GetWithSessionAsync("api/v1/users", session))
        {
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        }

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var grace = await db.Users.SingleAsync(u => u.Name == "grace");
        Assert.True(grace.IsAdmin);
        Assert.NotNull((await db.UserSessions.SingleAsync(s => s.UserId == grace.Id)).MfaAt);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Oidc_sign_in_of_a_platform_admin_without_mfa_at_the_provider_is_refused_and_changes_nothing(Provider provider)
    {
        await using var server = await StartServerAsync(provider);
        using var browser = new OidcBrowser(server.BaseAddress);

        using var response = await browser.SignInAsync("mallory", groups: "platform-admins", amr: "pwd");

        await AssertRefusedAsync(server, response, "mfa_required");
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.OidcSubject == "mallory"), "The refused sign-in created its admin user.");
        Assert.Equal(0, await db.UserSessions.CountAsync());
    }

    [Fact]
    public async Task Oidc_sign_in_of_an_approver_needs_mfa_at_the_provider()
    {
        await using var server = await StartServerAsync();
        using var browser = new OidcBrowser(server.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync("olga")).StatusCode);
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var id = (await db.Users.SingleAsync(u => u.OidcSubject == "olga")).Id;
            db.RoleBindings.Add(new RoleBinding { WorkspaceId = Workspace.DefaultId, RoleId = BuiltinRoles.ApproverId, PrincipalKind = PrincipalKinds.User, PrincipalId = id });
            await db.SaveChangesAsync();
        }

        using var withoutMfa = await browser.SignInAsync("olga", amr: "pwd");
        await AssertRefusedAsync(server, withoutMfa, "mfa_required");

        using var withMfa = await browser.SignInAsync("olga", amr: "pwd,otp");
        Assert.Equal(HttpStatusCode.Redirect, withMfa.StatusCode);
    }

    [Fact]
    public async Task Oidc_mismatched_state_is_rejected()
    {
        await using var server = await StartServerAsync();
        using var browser = new OidcBrowser(server.BaseAddress);
        var (authorize, cookie) = await browser.StartAsync();
        var callback = await OidcBrowser.AuthorizeAsync(authorize, "heidi");

        using var response = await browser.CallbackAsync(OidcBrowser.WithQuery(callback, "state", "forged-state"), cookie);

        await AssertRefusedAsync(server, response, "oidc_state_mismatch", OidcBrowser.Query(callback)["code"]);
    }

    [Fact]
    public async Task Oidc_missing_state_or_login_cookie_is_rejected()
    {
        await using var server = await StartServerAsync();
        using var browser = new OidcBrowser(server.BaseAddress);
        var (authorize, cookie) = await browser.StartAsync();
        var callback = await OidcBrowser.AuthorizeAsync(authorize, "ivan");

        using (var noState = await browser.CallbackAsync(OidcBrowser.WithQuery(callback, "state", null), cookie))
        {
            await AssertRefusedAsync(server, noState, "oidc_state_mismatch");
        }

        // A callback without the browser's login cookie: a code injected into someone else's browser.
        using (var noCookie = await browser.CallbackAsync(callback, loginCookie: null))
        {
            await AssertRefusedAsync(server, noCookie, "oidc_state_mismatch");
        }

        using (var forgedCookie = await browser.CallbackAsync(callback, OidcBrowser.LoginCookie + "=not-protected-by-the-server"))
        {
            await AssertRefusedAsync(server, forgedCookie, "oidc_state_mismatch");
        }
    }

    [Fact]
    public async Task Oidc_PKCE_verifier_mismatch_is_rejected()
    {
        await using var server = await StartServerAsync();
        using var browser = new OidcBrowser(server.BaseAddress);
        // Two attempts: the code of the first is presented with the state, and so the verifier, of the second.
        var (firstAuthorize, _) = await browser.StartAsync();
        var (secondAuthorize, secondCookie) = await browser.StartAsync();
        var firstCallback = await OidcBrowser.AuthorizeAsync(firstAuthorize, "judy");
        var secondState = OidcBrowser.Query(secondAuthorize)["state"];

        using var response = await browser.CallbackAsync(OidcBrowser.WithQuery(firstCallback, "state", secondState), secondCookie);

        await AssertRefusedAsync(server, response, "oidc_code_exchange_failed", OidcBrowser.Query(firstCallback)["code"]);
        Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oidc_return_to_must_be_a_local_path()
    {
        await using var server = await StartServerAsync();
        using var anonymous = server.CreateClient(token: null);
        foreach (var target in (string[])["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "models"])
        {
            using var response = await anonymous.GetAsync("api/v1/auth/oidc/login?return_to=" + Uri.EscapeDataString(target));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Oidc_routes_answer_404_when_single_sign_on_is_off()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var anonymous = server.CreateClient(token: null);
        using var response = await anonymous.GetAsync("api/v1/auth/oidc/login");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("oidc_not_enabled", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    /// <summary>401 with the code, no session, and one failure event that holds neither the code nor a token.</summary>
    internal static async Task AssertRefusedAsync(SlipwayTestServer server, HttpResponseMessage response, string code, string? secret = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.Null(OidcBrowser.SetCookie(response, OidcBrowser.SessionCookie));

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var failure = await db.AuditEvents.Where(e => e.Action == "auth.login").OrderByDescending(e => e.Seq).FirstAsync();
        Assert.Equal("failure", failure.Outcome);
        Assert.Equal(code, failure.ErrorCode);
        if (secret is not null)
        {
            Assert.DoesNotContain(secret, string.Join('|', await db.AuditEvents.Select(e => e.Reason + e.Context + e.Changes + e.Request).ToListAsync()), StringComparison.Ordinal);
        }
    }

    private static async Task<List<string>> GroupsOfAsync(SlipwayDbContext db, long userId) =>
        await (from m in db.GroupMembers join g in db.Groups on m.GroupId equals g.Id where m.UserId == userId orderby g.Name select g.Name).ToListAsync();

    private static async Task<List<(string Group, long Role)>> RolesOfAsync(SlipwayDbContext db, long userId) =>
        (await (from m in db.GroupMembers
                join g in db.Groups on m.GroupId equals g.Id
                join b in db.RoleBindings on g.Id equals b.PrincipalId
                where m.UserId == userId && b.PrincipalKind == PrincipalKinds.Group
                orderby g.Name
                select new { g.Name, b.RoleId }).ToListAsync())
        .ConvertAll(r => (r.Name, r.RoleId));
}
