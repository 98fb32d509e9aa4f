using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Core.Serving;
using Slipway.Tests;

namespace Slipway.Core.Tests.Serving.Deployments;

/// <summary>Issue 6 item 2, control plane: deployments are created, read, listed, replaced and deleted over real HTTP.</summary>
public sealed class DeploymentEndpointsTests
{
    private const string Income = """
        {"name": "income",
         "routes": [
           {"id": "champion", "target": {"model": "income", "alias": "champion"}, "weight": 90},
           {"id": "challenger", "target": {"model": "income", "version": 2}, "weight": 10},
           {"id": "shadow", "target": {"model": "income", "version": 3}, "role": "shadow", "sample_percent": 25}],
         "limits": {"max_queue": 256}}
        """;

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_deployment_round_trips_through_create_get_list_update_and_delete(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new DeploymentTestApi(server.Client);
        await api.RegisterAsync("income", "onnx", "onnx", "mlnet");
        await api.SetAliasAsync("income", "champion", 1);
        var signals = new List<ServingSignal>();
        server.Services.GetRequiredService<ServingSignals>().Subscribe(s => { lock (signals) { signals.Add(s); } });

        var (status, created) = await api.CreateAsync(Income);
        Assert.True(status == HttpStatusCode.Created, created.ToString());
        Assert.Equal(1, created.GetProperty("generation").GetInt32());
        Assert.Equal("default", created.GetProperty("workspace").GetString());
        Assert.Equal("admin", created.GetProperty("created_by").GetString());
        var spec = created.GetProperty("deployment");
        Assert.Equal("income", spec.GetProperty("name").GetString());
        Assert.Equal(256, spec.GetProperty("limits").GetProperty("max_queue").GetInt32());
        // Defaults are not written in: what was left out stays out.
        Assert.True(Absent(spec.GetProperty("routes")[0], "role"));
        Assert.True(Absent(spec, "batching"));
        var routes = created.GetProperty("status").EnumerateArray().Select(r => (r.GetProperty("id").GetString(), r.GetProperty("version").GetInt32(), r.GetProperty("state").GetString())).ToArray();
        // The serving plane reports each route's version and how far its load has come.
        Assert.Equal([("champion", 1), ("challenger", 2), ("shadow", 3)], routes.Select(r => (r.Item1, r.Item2)));
        Assert.All(routes, r => Assert.Contains(r.Item3, new[] { "pending", "loading", "warming", "ready", "unloaded" }));

        var got = await api.GetAsync("income");
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(spec.GetRawText(), got.Body.GetProperty("deployment").GetRawText());
        Assert.Equal(["income"], DeploymentTestApi.Names((await api.ListAsync()).Body));
        var salt = await SaltAsync(server, "income");
        Assert.Matches("^[0-9a-f]{32}$", salt);

        // A second create of the same name is a conflict; YAML replaces it with the §3.1 form.
        Assert.Equal(HttpStatusCode.Conflict, (await api.CreateAsync(Income)).Status);
        const string Yaml = """
            deployment: income
            routes:
              - { id: champion, target: { model: income, alias: champion }, weight: 50 }
              - { id: challenger, target: { model: income, version: 3 }, weight: 50 }
            batching: { max_batch_size: 32 }
            """;
        var (updatedStatus, updated) = await api.UpdateAsync("income", Yaml, "application/yaml");
        Assert.True(updatedStatus == HttpStatusCode.OK, updated.ToString());
        Assert.Equal(2, updated.GetProperty("generation").GetInt32());
        Assert.Equal(2, updated.GetProperty("deployment").GetProperty("routes").GetArrayLength());
        Assert.Equal(32, updated.GetProperty("deployment").GetProperty("batching").GetProperty("max_batch_size").GetInt32());
        Assert.True(Absent(updated.GetProperty("deployment"), "limits"));
        Assert.Equal(salt, await SaltAsync(server, "income"));

        // A PUT of an absent deployment is a 404, and a rename is refused.
        Assert.Equal(HttpStatusCode.NotFound, (await api.UpdateAsync("nope", Income.Replace("\"income\",", "\"nope\",", StringComparison.Ordinal))).Status);
        DeploymentTestApi.AssertRefused("name_mismatch", "name", await api.UpdateAsync("income", Income.Replace("\"name\": \"income\"", "\"name\": \"other\"", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("income")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("income")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("income")).Status);
        Assert.Empty(DeploymentTestApi.Names((await api.ListAsync()).Body));

        var actions = await AuditActionsAsync(server);
        Assert.Equal(["deployment.create", "deployment.update", "deployment.delete"], actions.Where(a => a.StartsWith("deployment.", StringComparison.Ordinal)));
        lock (signals)
        {
            Assert.Equal(3, signals.Count(s => s is { Kind: ServingSignalKind.Deployment, Name: "income" }));
        }
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Each_refusal_names_its_code_and_field_and_changes_nothing(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new DeploymentTestApi(server.Client);
        await api.RegisterAsync("income", "onnx", "onnx", "mlnet");
        await api.SetAliasAsync("income", "champion", 1);
        // A version Slipway cannot serve (a python_function model) and an archived one.
        await new Registry.Lifecycle.LifecycleApi(server.Client).CreateModelAsync("pyfunc", versions: 1);
        await api.Mlflow.OkAsync("registered-models/create", new { name = "other" });
        var lifecycle = new Registry.Lifecycle.LifecycleApi(server.Client);
        await lifecycle.OkAsync(lifecycle.ArchiveAsync("income", 3));

        var refusals = new (string Change, string Code, string Field)[]
        {
            ("""{"name": "in come"}""", "invalid_name", "name"),
            ("""{"replicas": 2}""", "unknown_field", "replicas"),
            ("""{"routes[0].target": {"model": "ghost", "version": 1}}""", "target_model_not_found", "routes[0].target.model"),
            ("""{"routes[1].target": {"model": "income", "version": 9}}""", "target_version_not_found", "routes[1].target.version"),
            ("""{"routes[1].target": {"model": "income", "version": 3}}""", "target_version_not_servable", "routes[1].target.version"),
            ("""{"routes[1].target": {"model": "pyfunc", "version": 1}}""", "target_version_not_servable", "routes[1].target.version"),
            ("""{"routes[1].target": {"model": "other", "version": 1}}""", "target_version_not_found", "routes[1].target.version"),
            ("""{"routes[0].target": {"model": "income", "alias": "gone"}}""", "target_alias_not_found", "routes[0].target.alias"),
            ("""{"routes[0].weight": 0, "routes[1].weight": 0}""", "no_primary_weight", "routes"),
            ("""{"routes[2].weight": 1}""", "not_for_role", "routes[2].weight"),
            ("""{"limits": {"deadline_ms": 0}}""", "out_of_range", "limits.deadline_ms"),
        };
        var valid = Income.Replace("\"version\": 3", "\"version\": 2", StringComparison.Ordinal);
        foreach (var (change, code, field) in refusals)
        {
            DeploymentTestApi.AssertRefused(code, field, await api.CreateAsync(DeploymentValidationTests.Edit(valid, change)));
        }

        DeploymentTestApi.AssertRefused("malformed_deployment", null, await api.CreateAsync("{not json"));
        // A media type a page could send cross-site is refused before the handler (BrowserGuard).
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await api.CreateAsync("name: x", "text/plain")).Status);
        Assert.Empty(DeploymentTestApi.Names((await api.ListAsync()).Body));
        Assert.Empty(await api.HoldsAsync("income", 1));

        // A refused update leaves the stored spec, generation and holds as they were.
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(valid)).Status);
        var before = (await api.GetAsync("income")).Body.GetProperty("deployment").GetRawText();
        foreach (var (change, code, field) in refusals.Skip(1))
        {
            DeploymentTestApi.AssertRefused(code, field, await api.UpdateAsync("income", DeploymentValidationTests.Edit(valid, change)));
        }

        var after = (await api.GetAsync("income")).Body;
        Assert.Equal(before, after.GetProperty("deployment").GetRawText());
        Assert.Equal(1, after.GetProperty("generation").GetInt32());
        Assert.Equal([("deployment", "income")], await api.HoldsAsync("income", 2));
        Assert.Equal(["deployment.create"], (await AuditActionsAsync(server)).Where(a => a.StartsWith("deployment.", StringComparison.Ordinal)));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Deployed_versions_are_held_against_archiving_and_retention_and_the_holds_follow_the_spec(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new DeploymentTestApi(server.Client);
        var lifecycle = new Registry.Lifecycle.LifecycleApi(server.Client);
        await api.RegisterAsync("income", "onnx", "onnx", "mlnet", "onnx");
        await api.SetAliasAsync("income", "champion", 1);

        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(Income)).Status);
        Assert.Equal([("deployment", "income")], await api.HoldsAsync("income", 1));
        Assert.Equal([("deployment", "income")], await api.HoldsAsync("income", 2));
        Assert.Equal([("deployment", "income")], await api.HoldsAsync("income", 3));
        Assert.Empty(await api.HoldsAsync("income", 4));

        // Deployed versions cannot be archived by hand or by retention; the undeployed one can.
        await api.SetAliasAsync("income", "champion", 4);
        Registry.Lifecycle.LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.VersionProtectedCode, await lifecycle.ArchiveAsync("income", 2));
        await lifecycle.OkAsync(lifecycle.SetPolicyAsync("income", new { keep_newest = 1 }));
        var run = await lifecycle.OkAsync(lifecycle.RunAsync("income", dryRun: false));
        Assert.Equal([1, 2, 3], Registry.Lifecycle.LifecycleApi.Versions(run.GetProperty("protected")));
        Assert.Empty(run.GetProperty("archived").EnumerateArray());

        // The update resolves the alias again (now version 4) and moves the holds to what it serves.
        const string Moved = """{"name": "income", "routes": [{"id": "champion", "target": {"model": "income", "alias": "champion"}}]}""";
        Assert.Equal(HttpStatusCode.OK, (await api.UpdateAsync("income", Moved)).Status);
        // Version 1 may stay held a little longer: once the route switched to 4, it is kept for the rollback grace.
        Assert.Empty(await api.HoldsAsync("income", 2));
        Assert.Equal([("deployment", "income")], await api.HoldsAsync("income", 4));
        var history = await lifecycle.OkAsync(lifecycle.VersionHistoryAsync("income", 2));
        Assert.Equal(["MODEL_VERSION.HOLD_REMOVED", "MODEL_VERSION.HOLD_ADDED"], history.GetProperty("items").EnumerateArray().Take(2).Select(Kind));

        // Once deleted, nothing is held and retention archives the old versions.
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync("income")).Status);
        Assert.Empty(await api.HoldsAsync("income", 4));
        var after = await lifecycle.OkAsync(lifecycle.RunAsync("income", dryRun: false));
        Assert.Equal([1, 2, 3], Registry.Lifecycle.LifecycleApi.Versions(after.GetProperty("archived")));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Readers_see_but_cannot_change_others_see_nothing_and_creators_manage_their_own(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        var api = new DeploymentTestApi(server.Client);
        await api.RegisterAsync("income", "onnx", "onnx", "mlnet");
        await api.SetAliasAsync("income", "champion", 1);
        Assert.Equal(HttpStatusCode.Created, (await api.CreateAsync(Income)).Status);

        var reader = new DeploymentTestApi(await UserClientAsync(server, "reader", Permission.Read));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("income")).Status);
        Assert.Equal(["income"], DeploymentTestApi.Names((await reader.ListAsync()).Body));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.UpdateAsync("income", Income)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync("income")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.CreateAsync(Income.Replace("\"income\",", "\"mine\",", StringComparison.Ordinal))).Status);

        var nobodyId = await TestPrincipals.CreateUserAsync(server, "nobody");
        var nobody = new DeploymentTestApi(TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, nobodyId, "nobody")));
        Assert.Equal(HttpStatusCode.Forbidden, (await nobody.GetAsync("income")).Status);
        Assert.Empty(DeploymentTestApi.Names((await nobody.ListAsync()).Body));

        // An editor creates its own deployment and, as its creator, may delete it, but not the admin's.
        var editor = new DeploymentTestApi(await UserClientAsync(server, "editor", Permission.Edit));
        var (status, body) = await editor.CreateAsync(Income.Replace("\"name\": \"income\"", "\"name\": \"mine\"", StringComparison.Ordinal));
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        Assert.Equal(HttpStatusCode.OK, (await editor.UpdateAsync("income", Income)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.DeleteAsync("income")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await editor.DeleteAsync("mine")).Status);

        // A direct grant names a deployment by name: USE on "income" alone lets a consumer read nothing else.
        var consumerId = await TestPrincipals.CreateUserAsync(server, "consumer");
        using var granted = await server.Client.PutAsJsonAsync("api/v1/workspaces/default/grants", new { user = "consumer", resource_type = "deployment", resource_id = "income", level = "USE" });
        Assert.True(granted.IsSuccessStatusCode, await granted.Content.ReadAsStringAsync());
        var consumer = new DeploymentTestApi(TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, consumerId, "consumer")));
        Assert.Equal(HttpStatusCode.OK, (await consumer.GetAsync("income")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await consumer.UpdateAsync("income", Income)).Status);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_deployment_needs_read_on_the_models_it_targets(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        var api = new DeploymentTestApi(server.Client);
        await api.RegisterAsync("income", "onnx", "onnx", "onnx");
        await api.SetAliasAsync("income", "champion", 1);

        // EDIT on deployments, nothing on registered models: the model is as good as absent.
        var userId = await TestPrincipals.CreateUserAsync(server, "deployer");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
            var role = new Role { WorkspaceId = Workspace.DefaultId, Name = "deployer", CreatedAt = 1 };
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            db.RolePermissions.Add(new RolePermission { RoleId = role.Id, ResourceType = ResourceTypes.Deployment, Level = Permission.Edit });
            db.RoleBindings.Add(new RoleBinding { WorkspaceId = Workspace.DefaultId, RoleId = role.Id, PrincipalKind = "user", PrincipalId = userId, CreatedAt = 1 });
            await db.SaveChangesAsync();
        }

        var deployer = new DeploymentTestApi(TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, userId, "deployer")));
        DeploymentTestApi.AssertRefused("target_model_not_found", "routes[0].target.model", await deployer.CreateAsync(Income));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Token_limits_need_manage_quotas_are_checked_audited_and_shown_in_the_token_list(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "0" });
        var team = await TestPrincipals.CreateWorkspaceAsync(server, "team");
        var appId = await TestPrincipals.CreateUserAsync(server, "app");
        await TestPrincipals.CreateTokenAsync(server, appId, "app", team);
        long tokenId;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            tokenId = await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().ApiTokens.Where(t => t.UserId == appId).Select(t => t.Id).SingleAsync();
        }

        var limits = new { default_tier = "standard", max_tier = "critical", rate_per_second = 20.5, burst = 40, daily_request_quota = 10_000, daily_row_quota = 1_000_000 };
        var path = $"api/v1/tokens/{tokenId}/limits";

        // A workspace editor without manage_quotas is refused; a role with it succeeds in the token's workspace.
        var editorId = await TestPrincipals.CreateUserAsync(server, "editor");
        await TestPrincipals.BindAsync(server, team, await TestPrincipals.CreateRoleAsync(server, team, "editors", Permission.Manage), editorId);
        using var editor = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, editorId, "editor"), "team");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PutAsJsonAsync(path, limits)).StatusCode);

        var quotaId = await TestPrincipals.CreateUserAsync(server, "quota");
        await TestPrincipals.BindAsync(server, team, await TestPrincipals.CreateRoleAsync(server, team, "quotas", null, Capabilities.ManageQuotas), quotaId);
        using var quota = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, quotaId, "quota"), "team");
        using var set = await quota.PutAsJsonAsync(path, limits);
        Assert.True(set.StatusCode == HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        var shown = (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("limits");
        Assert.Equal(("standard", "critical", 20.5, 40), (shown.GetProperty("default_tier").GetString(), shown.GetProperty("max_tier").GetString(), shown.GetProperty("rate_per_second").GetDouble(), shown.GetProperty("burst").GetInt32()));

        // Manage_quotas in the default workspace does not reach a token of team.
        using var elsewhere = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, quotaId, "quota"));
        Assert.Equal(HttpStatusCode.Forbidden, (await elsewhere.PutAsJsonAsync(path, limits)).StatusCode);

        foreach (var (bad, field) in new (object Body, string Field)[]
        {
            (new { default_tier = "critical", max_tier = "standard" }, "default_tier"),
            (new { default_tier = "gold" }, "default_tier"),
            (new { rate_per_second = 0 }, "rate_per_second"),
            (new { burst = 0 }, "burst"),
            (new { daily_row_quota = 0 }, "daily_row_quota"),
            (new { burst = 1, extra = true }, "extra"),
        })
        {
            using var refused = await quota.PutAsJsonAsync(path, bad);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        using var owner = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, appId, "app", team));
        var tokens = await owner.GetFromJsonAsync<JsonElement>("api/v1/tokens");
        var listed = tokens.EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == tokenId).GetProperty("limits");
        Assert.Equal(1_000_000, listed.GetProperty("daily_row_quota").GetInt64());
        Assert.Contains("api_token.limits", await AuditActionsAsync(server));
    }

    private static bool Absent(JsonElement e, string name) => !e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;

    private static string Kind(JsonElement e) => $"{e.GetProperty("entity").GetString()}.{e.GetProperty("action").GetString()}";

    private static async Task<HttpClient> UserClientAsync(SlipwayTestServer server, string name, Permission level)
    {
        var id = await TestPrincipals.CreateUserAsync(server, name);
        await TestPrincipals.BindAsync(server, Workspace.DefaultId, await TestPrincipals.CreateRoleAsync(server, Workspace.DefaultId, name + "s", level), id);
        return TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, id, name));
    }

    private static async Task<string> SaltAsync(SlipwayTestServer server, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().Deployments.Where(d => d.Name == name).Select(d => d.Salt).SingleAsync();
    }

    private static async Task<List<string>> AuditActionsAsync(SlipwayTestServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().AuditEvents.OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
    }
}
