using System.Net;
using System.Text.Json;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Results;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

/// <summary>The same rules as the in-process tests, through the access middleware, with non-admin tokens.</summary>
public sealed class AccessOverHttpTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Workspace_admins_administer_their_workspace_only_and_within_their_rights_over_HTTP(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        var a = await AccessTestData.AddWorkspaceAsync(server, "team-a");
        var b = await AccessTestData.AddWorkspaceAsync(server, "team-b");
        var carol = await AccessTestData.AddUserAsync(server, "carol");
        await AccessTestData.AddUserAsync(server, "dave");
        await AccessTestData.BindAsync(server, a, BuiltinRoles.WorkspaceAdminId, carol);
        await AccessTestData.BindAsync(server, b, BuiltinRoles.ViewerId, carol);
        using var client = server.CreateClient(await SecretAsync(server, carol, new IssueTokenCommand("carol-all")));

        Assert.Equal(["team-a", "team-b"], (await client.GetFromJsonAsync<JsonElement>("api/v1/workspaces")).EnumerateArray().Select(w => w.GetProperty("name").GetString()!).ToList());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("api/v1/workspaces", new { name = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("api/v1/workspaces/team-a/bindings", new { role = "Viewer", user = "dave" })).StatusCode);
        // Data Scientist carries deploy:dev and deploy:staging, which the built-in Workspace Admin role does not hold.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("api/v1/workspaces/team-a/bindings", new { role = "Data Scientist", user = "dave" })).StatusCode);
        var escalation = await client.PostAsJsonAsync("api/v1/workspaces/team-a/roles", new { name = "Approver 2", capabilities = new[] { "approve" } });
        Assert.Equal(HttpStatusCode.Forbidden, escalation.StatusCode);
        Assert.Equal("privilege_escalation", (await escalation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("api/v1/workspaces/team-b/bindings", new { role = "Workspace Admin", user = "carol" })).StatusCode);

        // A token bound to team-a with a READ ceiling sees team-a only and cannot administer it.
        using var narrow = server.CreateClient(await SecretAsync(server, carol, new IssueTokenCommand("carol-a-read", Workspace: "team-a", MaxPermission: "READ")));
        Assert.Equal(["team-a"], (await narrow.GetFromJsonAsync<JsonElement>("api/v1/workspaces")).EnumerateArray().Select(w => w.GetProperty("name").GetString()!).ToList());
        Assert.Equal(HttpStatusCode.Forbidden, (await narrow.GetAsync("api/v1/workspaces/team-a/bindings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await narrow.GetAsync("api/v1/workspaces/team-b/bindings")).StatusCode);
        // A narrowed token mints no token at all, wider or not.
        var wider = await narrow.PostAsJsonAsync("api/v1/tokens", new { name = "carol-wider", max_permission = "MANAGE" });
        Assert.Equal("narrowed_token", (await wider.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var own = await narrow.GetStringAsync("api/v1/tokens");
        Assert.Contains("carol-all", own, StringComparison.Ordinal);
        Assert.DoesNotContain("initial-admin", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await narrow.GetAsync("api/v1/tokens?all=true")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task MLflow_permission_calls_need_MANAGE_on_the_experiment_over_HTTP(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        var owner = await AccessTestData.AddUserAsync(server, "owner");
        var editor = await AccessTestData.AddUserAsync(server, "editor");
        await AccessTestData.AddUserAsync(server, "erin");
        var experiment = await AccessTestData.AddExperimentAsync(server, Workspace.DefaultId, "churn");
        await server.Client.PutAsJsonAsync("api/v1/workspaces/default/grants", new { user = "owner", resource_type = "experiment", resource_id = $"{experiment}", level = "MANAGE" });
        await server.Client.PutAsJsonAsync("api/v1/workspaces/default/grants", new { user = "editor", resource_type = "experiment", resource_id = $"{experiment}", level = "EDIT" });
        using var ownerClient = server.CreateClient(await SecretAsync(server, owner, new IssueTokenCommand("owner-t")));
        using var editorClient = server.CreateClient(await SecretAsync(server, editor, new IssueTokenCommand("editor-t")));

        var refused = await editorClient.PostAsJsonAsync("api/2.0/mlflow/experiments/permissions/create", new { experiment_id = $"{experiment}", username = "erin", permission = "READ" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("PERMISSION_DENIED", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error_code").GetString());
        var granted = await ownerClient.PostAsJsonAsync("ajax-api/2.0/mlflow/experiments/permissions/create", new { experiment_id = $"{experiment}", username = "erin", permission = "READ" });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"api/2.0/mlflow/experiments/permissions/get?experiment_id={experiment}&username=erin")).StatusCode);
    }

    private static async Task<string> SecretAsync(SlipwayTestServer server, SlipwayPrincipal owner, IssueTokenCommand command)
    {
        var created = await AccessTestData.AsAsync<IssueToken, Result<CreatedToken>>(server, h => h.ForSelfAsync(owner, command, CancellationToken.None));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value.Secret;
    }
}
