using System.Net;
using System.Text.Json;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Workspaces;
using Slipway.Core.Infrastructure.Results;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

public sealed class WorkspaceEndpointsTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Workspaces_are_created_read_described_and_deleted_with_names_validated(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var created = await server.Client.PostAsJsonAsync("api/v1/workspaces", new { name = "team-a", description = "Fraud models" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("team-a", body.GetProperty("name").GetString());
        Assert.Equal("Fraud models", body.GetProperty("description").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await server.Client.PostAsJsonAsync("api/v1/workspaces", new { name = "team-a" })).StatusCode);
        foreach (var bad in new[] { "Team-A", "-lead", "a_b", "", new string('a', 64), "a b", "ä" })
        {
            var refused = await server.Client.PostAsJsonAsync("api/v1/workspaces", new { name = bad });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("invalid_parameter_value", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }

        var list = await server.Client.GetFromJsonAsync<JsonElement>("api/v1/workspaces");
        Assert.Equal(["default", "team-a"], list.EnumerateArray().Select(w => w.GetProperty("name").GetString()!).ToList());

        var patched = await server.Client.PatchAsJsonAsync("api/v1/workspaces/team-a", new { description = "Fraud and risk" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Fraud and risk", (await server.Client.GetFromJsonAsync<JsonElement>("api/v1/workspaces/team-a")).GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Client.PatchAsJsonAsync("api/v1/workspaces/team-a", new { description = new string('x', 5000) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/v1/workspaces/absent")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.DeleteAsync("api/v1/workspaces/team-a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("api/v1/workspaces/team-a")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task The_default_workspace_and_workspaces_with_content_are_not_deleted(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var refused = await server.Client.DeleteAsync("api/v1/workspaces/default");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("default_workspace", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var withExperiment = await AccessTestData.AddWorkspaceAsync(server, "busy");
        await AccessTestData.AddExperimentAsync(server, withExperiment, "exp");
        var withModel = await AccessTestData.AddWorkspaceAsync(server, "models");
        await AccessTestData.AddRegisteredModelAsync(server, withModel, "fraud");
        foreach (var name in new[] { "busy", "models" })
        {
            var busy = await server.Client.DeleteAsync($"api/v1/workspaces/{name}");
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Equal("workspace_not_empty", (await busy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"api/v1/workspaces/{name}")).StatusCode);
        }
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_caller_sees_only_workspaces_where_they_hold_a_binding_or_grant(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        var b = await AccessTestData.AddWorkspaceAsync(server, "team-b");
        var alice = await AccessTestData.AddUserAsync(server, "alice");
        await AccessTestData.BindAsync(server, a, BuiltinRoles.ViewerId, alice);

        var seen = await AccessTestData.AsAsync<ListWorkspaces, List<Workspace>>(server, h => h.HandleAsync(alice, CancellationToken.None));
        Assert.Equal(["team-a"], seen.Select(w => w.Name).ToArray());
        var other = await AccessTestData.AsAsync<ListWorkspaces, Result<Workspace>>(
            server, h => h.GetAsync(alice, "team-b", CancellationToken.None));
        Assert.Equal(ErrorKind.NotFound, other.Error?.Kind);

        // A Viewer cannot describe the workspace; its Workspace Admin can.
        var viewer = await AccessTestData.AsAsync<UpdateWorkspace, Result<Workspace>>(
            server, h => h.HandleAsync(alice, "team-a", "mine", CancellationToken.None));
        Assert.Equal(ErrorKind.Forbidden, viewer.Error?.Kind);
        await AccessTestData.BindAsync(server, b, BuiltinRoles.WorkspaceAdminId, alice);
        var admin = await AccessTestData.AsAsync<UpdateWorkspace, Result<Workspace>>(
            server, h => h.HandleAsync(alice, "team-b", "mine", CancellationToken.None));
        Assert.True(admin.IsSuccess);
    }
}
