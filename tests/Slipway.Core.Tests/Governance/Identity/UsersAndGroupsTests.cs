using System.Net;
using System.Text.Json;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Identity;

public sealed class UsersAndGroupsTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Users_are_unique_by_normalized_name_and_service_accounts_never_have_a_password(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("Alice.Smith@corp");
        using var duplicate = await api.Admin.PostAsJsonAsync("api/v1/users", new { name = "alice.smith@CORP" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        foreach (var bad in new[] { "", "-leading", "has space", "me", new string('a', 101), "tab\tname", "line\n" })
        {
            using var response = await api.Admin.PostAsJsonAsync("api/v1/users", new { name = bad });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"'{bad}' answered {response.StatusCode}");
        }

        using var weak = await api.Admin.PostAsJsonAsync("api/v1/users", new { name = "bob", password = "short" });
        Assert.Equal("password_too_short", await IdentityApi.Code(weak));

        using var service = await api.Admin.PostAsJsonAsync("api/v1/service-accounts", new { name = "ci-bot", display_name = "CI" });
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
        var body = await IdentityApi.Json(service);
        Assert.Equal("service", body.GetProperty("kind").GetString());
        Assert.False(body.GetProperty("has_password").GetBoolean());
        using var password = await api.Admin.PostAsJsonAsync("api/v1/service-accounts", new { name = "ci-bot2", password = IdentityApi.Password });
        Assert.Equal("unknown_field", await IdentityApi.Code(password));
        using var setPassword = await api.Admin.PutAsJsonAsync("api/v1/users/ci-bot/password", new { password = IdentityApi.Password });
        Assert.Equal(HttpStatusCode.BadRequest, setPassword.StatusCode);

        var services = await api.Admin.GetFromJsonAsync<JsonElement>("api/v1/users?kind=service");
        Assert.Equal(["ci-bot"], services.EnumerateArray().Select(u => u.GetProperty("name").GetString()));
        var audit = await api.Admin.GetStringAsync("api/v1/audit/events?action=service_account.create");
        Assert.Contains("ci-bot", audit, StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Deactivating_ends_sessions_and_the_last_active_admin_cannot_be_deactivated_or_demoted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("lena");
        var session = await api.SignInAsync("lena");
        using var updated = await api.Admin.PatchAsJsonAsync("api/v1/users/lena", new { display_name = "Lena L", email = "lena@example.com" });
        Assert.Equal("Lena L", (await IdentityApi.Json(updated)).GetProperty("display_name").GetString());
        using var deactivated = await api.Admin.PatchAsJsonAsync("api/v1/users/lena", new { active = false });
        Assert.False((await IdentityApi.Json(deactivated)).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.SendAsync(HttpMethod.Get, "api/v1/auth/whoami", session)).StatusCode);
        Assert.Equal("invalid_credentials", await IdentityApi.Code(await api.LoginAsync("lena", IdentityApi.Password)));

        using var demote = await api.Admin.PatchAsJsonAsync("api/v1/users/admin", new { is_admin = false });
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal("last_platform_admin", await IdentityApi.Code(demote));
        using var deactivate = await api.Admin.PatchAsJsonAsync("api/v1/users/admin", new { active = false });
        Assert.Equal(HttpStatusCode.Conflict, deactivate.StatusCode);
        Assert.True((await IdentityApi.Json(await api.Admin.GetAsync("api/v1/users/admin"))).GetProperty("is_admin").GetBoolean());

        // With a second admin, the first can step down.
        await api.CreateUserAsync("root2", admin: true);
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.PatchAsJsonAsync("api/v1/users/root2", new { is_admin = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.DeleteAsync("api/v1/users/root2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Admin.GetAsync("api/v1/users/root2")).StatusCode);
        Assert.Contains("user.deactivate", await api.Admin.GetStringAsync("api/v1/audit/events?action=user.deactivate"), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Groups_are_created_filled_emptied_and_deleted_with_audit(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("mia");
        await api.CreateUserAsync("noah");
        Assert.Equal(HttpStatusCode.Created, (await api.Admin.PostAsJsonAsync("api/v1/groups", new { name = "ml-team", description = "ML" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.Admin.PostAsJsonAsync("api/v1/groups", new { name = "ML-Team" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.PutAsync("api/v1/groups/ml-team/members/noah", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.PutAsync("api/v1/groups/ml-team/members/MIA", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.PutAsync("api/v1/groups/ml-team/members/mia", content: null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Admin.PutAsync("api/v1/groups/ml-team/members/ghost", content: null)).StatusCode);
        var group = await api.Admin.GetFromJsonAsync<JsonElement>("api/v1/groups/ml-team");
        Assert.Equal(["mia", "noah"], group.GetProperty("members").EnumerateArray().Select(m => m.GetString()));

        var removed = await IdentityApi.Json(await api.Admin.DeleteAsync("api/v1/groups/ml-team/members/noah"));
        Assert.Equal(["mia"], removed.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        var listed = await api.Admin.GetFromJsonAsync<JsonElement>("api/v1/groups");
        Assert.Single(listed.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.DeleteAsync("api/v1/groups/ml-team")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Admin.GetAsync("api/v1/groups/ml-team")).StatusCode);

        var audit = await api.Admin.GetStringAsync("api/v1/audit/events?limit=200");
        foreach (var action in new[] { "group.create", "group.member.add", "group.member.remove", "group.delete" })
        {
            Assert.Contains(action, audit, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Non_admins_cannot_manage_users_or_groups()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        using var api = new IdentityApi(server);
        await api.CreateUserAsync("olga");
        var session = await api.SignInAsync("olga");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Get, "api/v1/users", session)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Patch, "api/v1/users/olga", session, new { is_admin = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Post, "api/v1/groups", session, new { name = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Post, "api/2.0/mlflow/users/create", session, new { username = "x", password = IdentityApi.Password })).StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Mlflow_user_rpcs_map_to_the_same_users(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        using var api = new IdentityApi(server);
        using var created = await api.Admin.PostAsJsonAsync("api/2.0/mlflow/users/create", new { username = "pat", password = IdentityApi.Password });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var user = (await IdentityApi.Json(created)).GetProperty("user");
        Assert.Equal("pat", user.GetProperty("username").GetString());
        Assert.False(user.GetProperty("is_admin").GetBoolean());
        Assert.Empty(user.GetProperty("experiment_permissions").EnumerateArray());
        Assert.Empty(user.GetProperty("registered_model_permissions").EnumerateArray());

        using var weak = await api.Admin.PostAsJsonAsync("api/2.0/mlflow/users/create", new { username = "quinn", password = "password" });
        Assert.Equal("INVALID_PARAMETER_VALUE", (await IdentityApi.Json(weak)).GetProperty("error_code").GetString());
        using var duplicate = await api.Admin.PostAsJsonAsync("api/2.0/mlflow/users/create", new { username = "PAT", password = IdentityApi.Password });
        Assert.Equal("RESOURCE_ALREADY_EXISTS", (await IdentityApi.Json(duplicate)).GetProperty("error_code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await api.Admin.PatchAsJsonAsync("api/2.0/mlflow/users/update-password", new { username = "pat", password = "a different long passphrase" })).StatusCode);
        await api.SignInAsync("pat", "a different long passphrase");
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.PatchAsJsonAsync("api/2.0/mlflow/users/update-admin", new { username = "pat", is_admin = true })).StatusCode);
        var got = await api.Admin.GetFromJsonAsync<JsonElement>("api/2.0/mlflow/users/get?username=pat");
        Assert.True(got.GetProperty("user").GetProperty("is_admin").GetBoolean());
        Assert.True((await IdentityApi.Json(await api.Admin.GetAsync("api/v1/users/pat"))).GetProperty("is_admin").GetBoolean());

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "api/2.0/mlflow/users/delete") { Content = JsonContent.Create(new { username = "pat" }) };
        Assert.Equal(HttpStatusCode.OK, (await api.Admin.SendAsync(delete)).StatusCode);
        using var missing = await api.Admin.GetAsync("api/2.0/mlflow/users/get?username=pat");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("RESOURCE_DOES_NOT_EXIST", (await IdentityApi.Json(missing)).GetProperty("error_code").GetString());
    }
}
