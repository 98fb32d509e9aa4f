using System.Net;
using System.Text.Json;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

public sealed class AccessEndpointsTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Custom_roles_are_created_listed_replaced_and_deleted_and_built_in_roles_are_read_only(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        await AccessTestData.AddWorkspaceAsync(server, "team-a");
        var role = new
        {
            name = "Labeler",
            description = "Reads everything, edits datasets",
            permissions = new object[] { new { resource_type = "*", level = "read" }, new { resource_type = "dataset", resource_pattern = "*", level = "EDIT" } },
            capabilities = new[] { "download_artifacts" },
        };
        var created = await server.Client.PostAsJsonAsync("api/v1/workspaces/team-a/roles", role);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("team-a", body.GetProperty("workspace").GetString());
        Assert.Equal(["READ", "EDIT"], body.GetProperty("permissions").EnumerateArray().Select(p => p.GetProperty("level").GetString()!).ToList());
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsJsonAsync("api/v1/workspaces/team-a/roles", role)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsJsonAsync("api/v1/workspaces/team-a/roles", role with { name = "viewer" })).StatusCode);

        var roles = await server.Client.GetFromJsonAsync<JsonElement>("api/v1/workspaces/team-a/roles");
        var names = roles.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Contains("Workspace Admin", names);
        Assert.Contains("Labeler", names);
        Assert.DoesNotContain(
            "Labeler", (await server.Client.GetFromJsonAsync<JsonElement>("api/v1/workspaces/default/roles")).EnumerateArray().Select(r => r.GetProperty("name").GetString()));

        var replaced = await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/roles/labeler", new { permissions = new[] { new { resource_type = "experiment", level = "USE" } } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(after.GetProperty("permissions").EnumerateArray());
        Assert.Empty(after.GetProperty("capabilities").EnumerateArray());

        foreach (var builtin in new[] { "Viewer", "Workspace%20Admin" })
        {
            var put = await server.Client.PutAsJsonAsync($"api/v1/workspaces/team-a/roles/{builtin}", new { permissions = new[] { new { resource_type = "*", level = "READ" } } });
            Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
            Assert.Equal("builtin_role_read_only", (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.Conflict, (await server.Client.DeleteAsync($"api/v1/workspaces/team-a/roles/{builtin}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync("api/v1/workspaces/team-a/roles/Labeler")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteAsync("api/v1/workspaces/team-a/roles/Labeler")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Invalid_roles_are_refused_naming_the_field_and_change_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var bad = new (object Body, string Field)[]
        {
            (new { name = "r", permissions = new[] { new { resource_type = "spaceship", level = "READ" } } }, "permissions[0].resource_type"),
            (new { name = "r", permissions = new[] { new { resource_type = "experiment", level = "OWNER" } } }, "permissions[0].level"),
            (new { name = "r", permissions = new[] { new { resource_type = "*", resource_pattern = "42", level = "READ" } } }, "permissions[0].resource_pattern"),
            (new { name = "r", capabilities = new[] { "root" } }, "capabilities[0]"),
            (new { name = "r" }, "permissions"),
            (new { name = "", capabilities = new[] { "approve" } }, "name"),
            (new { name = new string('r', 101), capabilities = new[] { "approve" } }, "name"),
        };
        foreach (var (body, field) in bad)
        {
            var refused = await server.Client.PostAsJsonAsync("api/v1/workspaces/default/roles", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {problem}");
        }

        Assert.Equal(7, (await server.Client.GetFromJsonAsync<JsonElement>("api/v1/workspaces/default/roles")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsJsonAsync("api/v1/workspaces/absent/roles", new { name = "r", capabilities = new[] { "approve" } })).StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Bindings_and_grants_are_added_listed_and_removed_and_the_evaluator_follows(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        var b = await AccessTestData.AddWorkspaceAsync(server, "team-b");
        var bob = await AccessTestData.AddUserAsync(server, "bob");
        var experiment = await AccessTestData.AddExperimentAsync(server, a, "churn");
        var model = await AccessTestData.AddRegisteredModelAsync(server, a, "fraud");
        var elsewhere = await AccessTestData.AddExperimentAsync(server, b, "other");

        var bound = await server.Client.PostAsJsonAsync("api/v1/workspaces/team-a/bindings", new { role = "viewer", user = "BOB" });
        Assert.Equal(HttpStatusCode.Created, bound.StatusCode);
        var binding = await bound.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Viewer", binding.GetProperty("role").GetString());
        Assert.Equal("bob", binding.GetProperty("principal").GetString());
        Assert.Equal(Permission.Read, await AccessTestData.LevelAsync(server, bob, a, ResourceTypes.Experiment, "1"));
        Assert.Null(await AccessTestData.LevelAsync(server, bob, b, ResourceTypes.Experiment, "1"));
        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsJsonAsync("api/v1/workspaces/team-a/bindings", new { role = "Viewer", user = "bob" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PostAsJsonAsync("api/v1/workspaces/team-a/bindings", new { role = "Viewer", user = "bob", group = "g" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsJsonAsync("api/v1/workspaces/team-a/bindings", new { role = "Viewer", user = "nobody" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PostAsJsonAsync("api/v1/workspaces/team-a/bindings", new { role = "Pilot", user = "bob" })).StatusCode);
        Assert.Single((await server.Client.GetFromJsonAsync<JsonElement>("api/v1/workspaces/team-a/bindings")).EnumerateArray());

        var granted = await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/grants", new { user = "bob", resource_type = "experiment", resource_id = $"{experiment}", level = "edit" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(Permission.Edit, await AccessTestData.LevelAsync(server, bob, a, ResourceTypes.Experiment, $"{experiment}"));
        var byName = await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/grants", new { user = "bob", resource_type = "registered_model", resource_id = "fraud", level = "MANAGE" });
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal($"{model}", (await byName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resource_id").GetString());
        var again = await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/grants", new { user = "bob", resource_type = "registered_model", resource_id = $"{model}", level = "USE" });
        Assert.Equal("USE", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("level").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/grants", new { user = "bob", resource_type = "experiment", resource_id = $"{elsewhere}", level = "READ" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/grants", new { user = "bob", resource_type = "experiment", resource_id = "999", level = "READ" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/grants", new { user = "bob", resource_type = "deployment", resource_id = "1", level = "READ" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/grants", new { user = "bob", resource_type = "pipeline", resource_id = "1", level = "READ" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PutAsJsonAsync("api/v1/workspaces/team-a/grants", new { user = "bob", resource_type = "experiment", resource_id = $"{experiment}", level = "ADMIN" })).StatusCode);

        var grants = await server.Client.GetFromJsonAsync<JsonElement>("api/v1/workspaces/team-a/grants");
        Assert.Equal(2, grants.GetArrayLength());
        var experimentGrants = await server.Client.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/team-a/grants?resource_type=experiment&resource_id={experiment}");
        var grantId = experimentGrants.EnumerateArray().Single().GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.DeleteAsync($"api/v1/workspaces/team-b/grants/{grantId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync($"api/v1/workspaces/team-a/grants/{grantId}")).StatusCode);
        Assert.Equal(Permission.Read, await AccessTestData.LevelAsync(server, bob, a, ResourceTypes.Experiment, $"{experiment}"));

        var bindingId = binding.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync($"api/v1/workspaces/team-a/bindings/{bindingId}")).StatusCode);
        Assert.Null(await AccessTestData.LevelAsync(server, bob, a, ResourceTypes.Experiment, $"{experiment}"));

        var actions = (await server.Client.GetFromJsonAsync<JsonElement>("api/v1/audit/events?limit=1000")).GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("role_binding.create", actions);
        Assert.Contains("role_binding.delete", actions);
        Assert.Contains("grant.create", actions);
        Assert.Contains("grant.update", actions);
        Assert.Contains("grant.delete", actions);
    }
}
