using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

/// <summary>
/// Items of governance.md §8.8 "Authorization and authentication" that are not covered by the matrix test, each
/// named after its checklist line.
/// </summary>
public sealed class AttackChecklistTests
{
    private static readonly Dictionary<string, string?> NoCache = new() { ["Auth:TokenCacheSeconds"] = "0" };

    [Fact]
    public async Task Route_enumeration_an_unannotated_endpoint_is_denied()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: NoCache);
        await using var scope = server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var reached = false;
        var middleware = ActivatorUtilities.CreateInstance<AccessControlMiddleware>(services, (RequestDelegate)(_ =>
        {
            reached = true;
            return Task.CompletedTask;
        }));
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "GET";
        context.Request.Path = "/api/v1/unannotated";
        context.Request.Headers.Authorization = "Bearer " + server.AdminToken;
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(), "unannotated test endpoint"));
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = context;

        await middleware.InvokeAsync(
            context, services.GetRequiredService<SlipwayDbContext>(), services.GetRequiredService<AuditLog>(),
            services.GetRequiredService<Authenticator>(), services.GetRequiredService<ResourceResolver>());

        Assert.False(reached, "An endpoint without an access rule was reached.");
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Model_version_source_referencing_another_users_run_or_logged_model_is_denied(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: NoCache);
        var admin = new MlflowApi(server.Client);
        var privateExperiment = await admin.CreateExperimentAsync();
        var privateRun = await admin.CreateRunAsync(privateExperiment);
        await admin.LogModelFilesAsync(privateRun, experimentId: privateExperiment);
        var loggedModel = (await admin.OkAsync("logged-models", new { experiment_id = privateExperiment, name = "lm", source_run_id = privateRun }))
            .GetProperty("model").GetProperty("info");
        await admin.PutArtifactsAsync(LoggedModelKey(loggedModel));

        // A data scientist may create registered models (and manages the ones it creates) but was given nothing on the experiment.
        var userId = await TestPrincipals.CreateUserAsync(server, "mallory");
        await TestPrincipals.BindAsync(server, Workspace.DefaultId, await TestPrincipals.CreateRoleAsync(server, Workspace.DefaultId, "creators", null), userId);
        await TestPrincipals.GrantAsync(server, Workspace.DefaultId, userId, ResourceTypes.RegisteredModel, "*", Permission.Use);
        using var client = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, userId, "mallory"));
        var mallory = new MlflowApi(client);
        await mallory.OkAsync("registered-models/create", new { name = "stolen" });

        var fromRun = await mallory.PostAsync("model-versions/create", new { name = "stolen", source = $"runs:/{privateRun}/model" });
        MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", fromRun);
        var fromArtifacts = await mallory.PostAsync("model-versions/create", new { name = "stolen", source = $"mlflow-artifacts:/{privateExperiment}/{privateRun}/artifacts/model" });
        MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", fromArtifacts);
        var fromLoggedModel = await mallory.PostAsync("model-versions/create", new { name = "stolen", source = "models:/" + loggedModel.GetProperty("model_id").GetString() });
        MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", fromLoggedModel);
        var runLink = await mallory.PostAsync("model-versions/create", new { name = "stolen", source = $"runs:/{privateRun}/model", run_id = privateRun });
        MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", runLink);

        var versions = await admin.GetOkAsync("model-versions/search?filter=" + Uri.EscapeDataString("name='stolen'"));
        Assert.False(versions.TryGetProperty("model_versions", out _), "A refused registration left a version behind.");
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Read_cannot_download_model_files_without_download_artifacts(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: NoCache);
        var admin = new MlflowApi(server.Client);
        var experiment = await admin.CreateExperimentAsync();
        var run = await admin.CreateRunAsync(experiment);
        await admin.LogModelFilesAsync(run, experimentId: experiment);
        await admin.OkAsync("registered-models/create", new { name = "scored" });
        await admin.OkAsync("model-versions/create", new { name = "scored", source = $"runs:/{run}/model" });
        var uri = (await admin.GetOkAsync("model-versions/get-download-uri?name=scored&version=1")).GetProperty("artifact_uri").GetString()!;
        var file = "api/2.0/mlflow-artifacts/artifacts/" + uri["mlflow-artifacts:/".Length..] + "/MLmodel";

        var readerId = await TestPrincipals.CreateUserAsync(server, "reader");
        var reader = await TestPrincipals.CreateRoleAsync(server, Workspace.DefaultId, "readers", Permission.Read);
        await TestPrincipals.BindAsync(server, Workspace.DefaultId, reader, readerId);
        using var client = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, readerId, "reader"));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/2.0/mlflow/model-versions/get?name=scored&version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(file)).StatusCode);
        // The same model as the run logged it (MLflow 2: a directory with an MLmodel under the run's artifacts).
        var logged = $"api/2.0/mlflow-artifacts/artifacts/{experiment}/{run}/artifacts/model/data/weights.bin";
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(logged)).StatusCode);
        // Other artifacts of the run stay readable with READ.
        (await server.Client.PutAsync($"api/2.0/mlflow-artifacts/artifacts/{experiment}/{run}/artifacts/notes.txt", new StringContent("n"))).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/2.0/mlflow-artifacts/artifacts/{experiment}/{run}/artifacts/notes.txt")).StatusCode);

        var downloaders = await TestPrincipals.CreateRoleAsync(server, Workspace.DefaultId, "downloaders", null, Capabilities.DownloadArtifacts);
        await TestPrincipals.BindAsync(server, Workspace.DefaultId, downloaders, readerId);
        using var download = await client.GetAsync(file);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(logged)).StatusCode);
        Assert.Contains("flavors", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Edit_cannot_delete_artifacts_or_versions(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: NoCache);
        var admin = new MlflowApi(server.Client);
        var experiment = await admin.CreateExperimentAsync();
        var run = await admin.CreateRunAsync(experiment);
        await admin.LogModelFilesAsync(run, experimentId: experiment);
        await admin.OkAsync("registered-models/create", new { name = "kept" });
        await admin.OkAsync("model-versions/create", new { name = "kept", source = $"runs:/{run}/model" });

        var editorId = await TestPrincipals.CreateUserAsync(server, "editor");
        await TestPrincipals.BindAsync(server, Workspace.DefaultId, await TestPrincipals.CreateRoleAsync(server, Workspace.DefaultId, "editors", Permission.Edit), editorId);
        using var client = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, editorId, "editor"));
        var editor = new MlflowApi(client);

        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsync("model-versions/set-tag", new { name = "kept", version = "1", key = "k", value = "v" })).Status);
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, "api/2.0/mlflow/model-versions/delete") { Content = JsonContent.Create(new { name = "kept", version = "1" }) })
        {
            MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", await editor.SendAsync(delete));
        }

        using (var deleteModel = new HttpRequestMessage(HttpMethod.Delete, "api/2.0/mlflow/registered-models/delete") { Content = JsonContent.Create(new { name = "kept" }) })
        {
            MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", await editor.SendAsync(deleteModel));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync($"api/2.0/mlflow-artifacts/artifacts/{experiment}/{run}/artifacts/model/MLmodel")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync($"api/2.0/mlflow-artifacts/artifacts/{experiment}/{run}/artifacts/model/MLmodel")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("model-versions/get?name=kept&version=1")).Status);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Deactivated_owners_tokens_fail(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: NoCache);
        var userId = await TestPrincipals.CreateUserAsync(server, "leaver");
        await TestPrincipals.BindAsync(server, Workspace.DefaultId, BuiltinRoles.ViewerId, userId);
        using var client = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, userId, "leaver"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);

        using (var deactivate = new HttpRequestMessage(HttpMethod.Patch, "api/v1/users/leaver") { Content = JsonContent.Create(new { active = false }) })
        {
            using var response = await server.Client.SendAsync(deactivate);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);
    }

    [Fact]
    public async Task Token_checksum_format_a_mistyped_token_is_refused()
    {
        await using var server = await SlipwayTestServer.StartAsync();
        Assert.Matches("^slw_[0-9A-Za-z]{46}$", server.AdminToken);
        var last = server.AdminToken[^1];
        var mistyped = server.AdminToken[..^1] + (last == 'a' ? 'b' : 'a');
        using var client = server.CreateClient(mistyped);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);
    }

    [Fact]
    public async Task Revoked_token_is_rejected_on_all_replicas_within_the_cache_time()
    {
        var cached = new Dictionary<string, string?> { ["Auth:TokenCacheSeconds"] = "2" };
        await using var first = await SlipwayTestServer.StartAsync(Provider.Postgres, settings: cached);
        var shared = new Dictionary<string, string?>(cached)
        {
            ["DataDir"] = first.DataDir,
            ["Database:ConnectionString"] = first.Services.GetRequiredService<IConfiguration>()["Database:ConnectionString"],
        };
        await using var second = await SlipwayTestServer.StartAsync(Provider.Postgres, settings: shared);

        var created = await first.Client.PostAsJsonAsync("api/v1/tokens", new { name = "short-lived" });
        created.EnsureSuccessStatusCode();
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using var onSecond = second.CreateClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode);

        (await first.Client.DeleteAsync("api/v1/tokens/short-lived")).EnsureSuccessStatusCode();
        var watch = Stopwatch.StartNew();
        while ((await onSecond.GetAsync("api/2.0/mlflow/experiments/get?experiment_id=0")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The other replica still accepts the revoked token long after its cache time.");
            await Task.Delay(100);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2 + 2), $"The other replica accepted the revoked token for {watch.Elapsed.TotalSeconds:F1} s; the cache time is 2 s.");
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_role_line_naming_another_workspaces_resource_shows_nothing_of_it(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: NoCache);
        var teamA = await TestPrincipals.CreateWorkspaceAsync(server, "team-a");
        await TestPrincipals.CreateWorkspaceAsync(server, "team-b");
        using var inB = TestPrincipals.Client(server, server.AdminToken, "team-b");
        var b = new MlflowApi(inB);
        var secretName = "secret-" + Guid.NewGuid().ToString("N")[..8];
        var secret = await b.CreateExperimentAsync(secretName);
        var secretRun = await b.CreateRunAsync(secret);

        // A workspace admin of A writes a role in A whose line names B's experiment by id, and binds it to itself.
        var userId = await TestPrincipals.CreateUserAsync(server, "peeker");
        await TestPrincipals.BindAsync(server, teamA, BuiltinRoles.WorkspaceAdminId, userId);
        using var client = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, userId, "peeker"), "team-a");
        using (var role = await client.PostAsJsonAsync("api/v1/workspaces/team-a/roles", new
        {
            name = "peek",
            permissions = new[] { new { resource_type = "experiment", resource_pattern = secret, level = "READ" } },
        }))
        {
            if (role.IsSuccessStatusCode)
            {
                (await client.PostAsJsonAsync("api/v1/workspaces/team-a/bindings", new { role = "peek", user = "peeker" })).Dispose();
            }
        }

        var peeker = new MlflowApi(client);
        var experiments = await peeker.OkAsync("experiments/search", new { max_results = 1000 });
        Assert.DoesNotContain(secretName, experiments.GetRawText(), StringComparison.Ordinal);
        var runs = await peeker.OkAsync("runs/search", new { experiment_ids = new[] { secret } });
        Assert.DoesNotContain(secretRun, runs.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await peeker.GetAsync($"experiments/get?experiment_id={secret}")).Status);
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_data_scientist_registers_its_own_run_and_a_bound_admin_token_cannot_copy_another_workspaces_run(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: NoCache);
        var team = await TestPrincipals.CreateWorkspaceAsync(server, "team");
        var userId = await TestPrincipals.CreateUserAsync(server, "scientist");
        await TestPrincipals.BindAsync(server, team, BuiltinRoles.DataScientistId, userId);
        using var client = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, userId, "scientist"), "team");
        var scientist = new MlflowApi(client);
        var experiment = await scientist.CreateExperimentAsync();
        var run = await scientist.CreateRunAsync(experiment);
        await scientist.LogModelFilesAsync(run, experimentId: experiment);
        await scientist.OkAsync("registered-models/create", new { name = "mine" });
        await scientist.OkAsync("model-versions/create", new { name = "mine", source = $"runs:/{run}/model", run_id = run });

        // The platform admin's token bound to another workspace cannot pull team's run into a model there.
        var other = await TestPrincipals.CreateWorkspaceAsync(server, "other");
        using var bound = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, 1, "admin", other));
        var admin = new MlflowApi(bound);
        await admin.OkAsync("registered-models/create", new { name = "copy" });
        MlflowApi.AssertError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", await admin.PostAsync("model-versions/create", new { name = "copy", source = $"runs:/{run}/model" }));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_service_account_token_never_carries_rights_its_creator_lacks(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: NoCache);
        var team = await TestPrincipals.CreateWorkspaceAsync(server, "team");
        var bot = await TestPrincipals.CreateUserAsync(server, "release-bot", kind: Slipway.Core.Governance.Identity.PrincipalKinds.Service);
        await TestPrincipals.BindAsync(server, team, BuiltinRoles.AuditorId, bot);
        var adminId = await TestPrincipals.CreateUserAsync(server, "ws-admin");
        await TestPrincipals.BindAsync(server, team, BuiltinRoles.WorkspaceAdminId, adminId);
        using var client = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, adminId, "ws-admin"), "team");

        // The auditor's audit:export is not the workspace admin's to hand out.
        using var refused = await client.PostAsJsonAsync("api/v1/service-accounts/release-bot/tokens", new { name = "x", workspace = "team" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // A READ-capped admin token cannot use manage_tokens either.
        using var capped = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, 1, "admin", maxPermission: Permission.Read));
        using var cappedCall = await capped.PostAsJsonAsync("api/v1/service-accounts/release-bot/tokens", new { name = "y", workspace = "team" });
        Assert.Equal(HttpStatusCode.Forbidden, cappedCall.StatusCode);
        using var byAdmin = await server.Client.PostAsJsonAsync("api/v1/service-accounts/release-bot/tokens", new { name = "z", workspace = "team" });
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
    }

    [Fact]
    public async Task Artifact_paths_outside_experiments_and_the_registry_are_for_platform_admins_only()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: NoCache);
        (await server.Client.PutAsync("api/2.0/mlflow-artifacts/artifacts/models/shared/MLmodel", new StringContent("flavors: {}"))).EnsureSuccessStatusCode();
        var userId = await TestPrincipals.CreateUserAsync(server, "ws-admin");
        await TestPrincipals.BindAsync(server, Workspace.DefaultId, BuiltinRoles.WorkspaceAdminId, userId);
        using var client = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, userId, "ws-admin"));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/2.0/mlflow-artifacts/artifacts/models/shared/MLmodel")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsync("api/2.0/mlflow-artifacts/artifacts/models/shared/MLmodel", new StringContent("x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("api/2.0/mlflow-artifacts/artifacts/models/shared/MLmodel")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("api/2.0/mlflow-artifacts/artifacts?path=models")).StatusCode);
        Assert.Equal("flavors: {}", await server.Client.GetStringAsync("api/2.0/mlflow-artifacts/artifacts/models/shared/MLmodel"));
    }

    private static string LoggedModelKey(JsonElement info)
    {
        var uri = info.GetProperty("artifact_uri").GetString()!;
        return uri["mlflow-artifacts:/".Length..];
    }
}
