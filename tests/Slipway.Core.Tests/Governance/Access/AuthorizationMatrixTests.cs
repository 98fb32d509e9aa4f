using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Tests;

namespace Slipway.Core.Tests.Governance.Access;

/// <summary>
/// governance.md §8.8 "For each endpoint × {anonymous, no-grant user, READ, USE, EDIT, MANAGE, other-workspace
/// admin, token with narrower scope, expired/revoked token}: expected 401/403/2xx, incl. v2/v3/ajax duplicates".
/// Every route of the running app (native, MLflow, ajax mirror, artifact proxy) is called by every principal with
/// a request that names a real resource of workspace <c>team</c>; the expected answer is derived from the route's
/// declared rule. Allowed calls may still fail validation (400/404), but never with 401 or 403; denied calls get
/// exactly 403, and unauthenticated ones 401. Before every call that can change state, fresh resources are made,
/// so that an allowed delete or rename cannot turn a later denial into a 404.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Auth:TokenCacheSeconds"] = "0",
        ["Webhooks:AllowHttp"] = "true",
        ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
    };

    /// <param name="Narrowed">The token is bound to a workspace or capped below MANAGE: credential self-service refuses it.</param>
    private sealed record Principal(string Name, HttpClient Client, Permission? Level, bool OtherWorkspaceAdmin = false, int ExpectedAuthStatus = 0, bool Narrowed = false);

    private sealed class Resources
    {
        public required string ExperimentId { get; init; }

        public required string ExperimentName { get; init; }

        public required string RunId { get; init; }

        public required string LoggedModelId { get; init; }

        public required string ModelName { get; init; }

        public required string WebhookId { get; init; }
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Every_endpoint_answers_each_principal_as_its_rule_says(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: Settings);
        var team = await TestPrincipals.CreateWorkspaceAsync(server, "team");
        var other = await TestPrincipals.CreateWorkspaceAsync(server, "other");
        using var admin = TestPrincipals.Client(server, server.AdminToken, "team");
        var principals = await PrincipalsAsync(server, team, other);
        var resources = await CreateResourcesAsync(server, team, admin);

        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AnonymousAccess>() is null)
            .OrderBy(e => e.RoutePattern.RawText, StringComparer.Ordinal)
            .ToList();
        Assert.True(routes.Count > 150, $"Only {routes.Count} routes were found.");
        var failures = new List<string>();
        var calls = 0;
        var changed = false;
        foreach (var route in routes)
        {
            var rule = route.Metadata.GetMetadata<AccessRule>();
            Assert.True(rule is not null, $"{route.RoutePattern.RawText} declares no access rule.");
            foreach (var method in RouteSamples.Methods(route))
            {
                foreach (var principal in principals)
                {
                    if (changed)
                    {
                        // An allowed change (a delete, a rename) may have spent the resources; later calls need live ones.
                        resources = await CreateResourcesAsync(server, team, admin);
                        changed = false;
                    }

                    using var request = Request(route.RoutePattern, method, resources);
                    using var response = await principal.Client.SendAsync(request);
                    calls++;
                    var expected = Expected(rule!, principal, route.Metadata.GetMetadata<RefusesNarrowedTokens>() is not null);
                    var status = (int)response.StatusCode;
                    changed = method != "GET" && status < 300;
                    var ok = expected switch
                    {
                        Outcome.Unauthenticated => status == 401,
                        Outcome.Denied => status == 403,
                        // Names resolve in the caller's own workspace, where team's objects do not exist: refused or not found, never done.
                        Outcome.Hidden => status is >= 400 and < 500 and not 401,
                        _ => status is not (401 or 403),
                    };
                    if (!ok)
                    {
                        failures.Add($"{method} {route.RoutePattern.RawText} as {principal.Name}: expected {expected}, got {status} {Truncate(await response.Content.ReadAsStringAsync())}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls were answered wrongly:\n" + string.Join('\n', failures.Take(60)));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Search_and_list_results_never_contain_objects_the_caller_cannot_read(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider, settings: Settings);
        var team = await TestPrincipals.CreateWorkspaceAsync(server, "team");
        var other = await TestPrincipals.CreateWorkspaceAsync(server, "other");
        using var admin = TestPrincipals.Client(server, server.AdminToken, "team");
        var visible = await CreateResourcesAsync(server, team, admin);
        var hidden = await CreateResourcesAsync(server, team, admin);

        // The reader holds READ on one experiment and one registered model, directly, and nothing else.
        var readerId = await TestPrincipals.CreateUserAsync(server, "reader");
        var modelId = (await admin.GetFromJsonAsync<JsonElement>($"api/2.0/mlflow/registered-models/get?name={visible.ModelName}"))
            .GetProperty("registered_model").GetProperty("name").GetString();
        Assert.Equal(visible.ModelName, modelId);
        await TestPrincipals.GrantAsync(server, team, readerId, ResourceTypes.Experiment, visible.ExperimentId, Permission.Read);
        await TestPrincipals.GrantAsync(server, team, readerId, ResourceTypes.RegisteredModel, await RegisteredModelIdAsync(server, visible.ModelName), Permission.Read);
        using var reader = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, readerId, "reader"), "team");

        var otherAdminId = await TestPrincipals.CreateUserAsync(server, "other-admin");
        await TestPrincipals.BindAsync(server, other, BuiltinRoles.WorkspaceAdminId, otherAdminId);
        using var otherAdmin = server.CreateClient(await TestPrincipals.CreateTokenAsync(server, otherAdminId, "other-admin", other));

        var nobodyId = await TestPrincipals.CreateUserAsync(server, "nobody");
        using var nobody = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, nobodyId, "nobody"), "team");

        async Task<string> Body(HttpClient client, string path, object? body = null)
        {
            using var response = body is null ? await client.GetAsync(path) : await client.PostAsJsonAsync(path, body);
            Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
            return await response.Content.ReadAsStringAsync();
        }

        var experimentIds = new[] { visible.ExperimentId, hidden.ExperimentId };
        var searches = new (string Path, object? Body)[]
        {
            ("api/2.0/mlflow/experiments/search", new { max_results = 1000 }),
            ("ajax-api/2.0/mlflow/experiments/search", new { max_results = 1000 }),
            ("api/2.0/mlflow/runs/search", new { experiment_ids = experimentIds }),
            ("api/2.0/mlflow/logged-models/search", new { experiment_ids = experimentIds }),
            ("api/2.0/mlflow/registered-models/search", new { max_results = 1000 }),
            ("api/2.0/mlflow/model-versions/search", new { max_results = 1000 }),
            ("api/v1/experiments", null),
            ($"api/v1/runs?experiment_id={visible.ExperimentId}&experiment_id={hidden.ExperimentId}", null),
            ("api/v1/models", null),
            ("api/v1/catalog/search", null),
            ("api/v1/events", null),
        };

        foreach (var (path, body) in searches)
        {
            var seen = await Body(reader, path, body);
            Assert.DoesNotContain(hidden.ExperimentName, seen, StringComparison.Ordinal);
            Assert.DoesNotContain(hidden.RunId, seen, StringComparison.Ordinal);
            Assert.DoesNotContain(hidden.LoggedModelId, seen, StringComparison.Ordinal);
            Assert.DoesNotContain(hidden.ModelName, seen, StringComparison.Ordinal);
            Assert.True(
                seen.Contains(visible.ExperimentName, StringComparison.Ordinal) || seen.Contains(visible.RunId, StringComparison.Ordinal)
                || seen.Contains(visible.LoggedModelId, StringComparison.Ordinal) || seen.Contains(visible.ModelName, StringComparison.Ordinal),
                $"{path} showed the reader none of what it may read: {Truncate(seen)}");

            foreach (var outsider in new[] { nobody, otherAdmin })
            {
                var outside = await Body(outsider, path, body);
                foreach (var r in new[] { visible, hidden })
                {
                    Assert.DoesNotContain(r.ExperimentName, outside, StringComparison.Ordinal);
                    Assert.DoesNotContain(r.RunId, outside, StringComparison.Ordinal);
                    Assert.DoesNotContain(r.ModelName, outside, StringComparison.Ordinal);
                }
            }
        }
    }

    private enum Outcome
    {
        Allowed,
        Denied,
        Hidden,
        Unauthenticated,
    }

    private static Outcome Expected(AccessRule rule, Principal principal, bool refusesNarrowedTokens)
    {
        if (principal.ExpectedAuthStatus == 401)
        {
            return Outcome.Unauthenticated;
        }

        if (refusesNarrowedTokens && principal.Narrowed)
        {
            return Outcome.Denied;
        }

        bool Holds(Permission needed) => principal.Level is { } level && level >= needed;
        var otherAdminCapabilities = BuiltinRoles.Permissions
            .Where(p => p.RoleId == BuiltinRoles.WorkspaceAdminId && p.Capability is not null).Select(p => p.Capability!).ToHashSet();
        return rule switch
        {
            SelfRule or FilteredRule => Outcome.Allowed,
            PlatformRule => Outcome.Denied,
            CapabilityRule c => principal.OtherWorkspaceAdmin && otherAdminCapabilities.Contains(c.Capability) ? Outcome.Allowed : Outcome.Denied,
            // The other workspace's admin acts in its own workspace, where it holds MANAGE.
            WorkspaceRule w => principal.OtherWorkspaceAdmin || Holds(w.Level) ? Outcome.Allowed : Outcome.Denied,
            ResourceRule r when principal.OtherWorkspaceAdmin =>
                r.Locator.Kind is ResourceKind.RegisteredModelName or ResourceKind.ExperimentName or ResourceKind.DeploymentName ? Outcome.Hidden : Outcome.Denied,
            ResourceRule r => r.Capability is null && Holds(r.Level) ? Outcome.Allowed : Outcome.Denied,
            _ => Outcome.Denied,
        };
    }

    private static async Task<List<Principal>> PrincipalsAsync(SlipwayTestServer server, long team, long other)
    {
        var principals = new List<Principal>
        {
            new("anonymous", server.CreateClient(null), null, ExpectedAuthStatus: 401),
        };

        var noGrant = await TestPrincipals.CreateUserAsync(server, "no-grant");
        principals.Add(new("no-grant", TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, noGrant, "no-grant"), "team"), null));
        foreach (var level in new[] { Permission.Read, Permission.Use, Permission.Edit, Permission.Manage })
        {
            var name = level.ToString().ToLowerInvariant() + "-user";
            var user = await TestPrincipals.CreateUserAsync(server, name);
            var role = await TestPrincipals.CreateRoleAsync(server, team, "all-" + name, level);
            await TestPrincipals.BindAsync(server, team, role, user);
            principals.Add(new(name, TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, user, name), "team"), level));
            if (level == Permission.Manage)
            {
                // A MANAGE user's token capped at READ acts as READ; bound to team, it needs no header.
                principals.Add(new("manage-user-read-token", server.CreateClient(await TestPrincipals.CreateTokenAsync(server, user, name, team, Permission.Read)), Permission.Read, Narrowed: true));
                var expired = await TestPrincipals.CreateTokenAsync(server, user, name);
                var revoked = await TestPrincipals.CreateTokenAsync(server, user, name);
                await using (var scope = server.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<Slipway.Core.Infrastructure.Persistence.SlipwayDbContext>();
                    var expiredHash = TokenFormat.Hash(expired);
                    db.ApiTokens.Single(t => t.Hash == expiredHash).ExpiresAt = 1;
                    var revokedHash = TokenFormat.Hash(revoked);
                    db.ApiTokens.Single(t => t.Hash == revokedHash).RevokedAt = 1;
                    await db.SaveChangesAsync();
                }

                principals.Add(new("expired-token", TestPrincipals.Client(server, expired, "team"), level, ExpectedAuthStatus: 401));

                principals.Add(new("revoked-token", TestPrincipals.Client(server, revoked, "team"), level, ExpectedAuthStatus: 401));
            }
        }

        var otherAdmin = await TestPrincipals.CreateUserAsync(server, "other-admin");
        await TestPrincipals.BindAsync(server, other, BuiltinRoles.WorkspaceAdminId, otherAdmin);
        principals.Add(new("other-workspace-admin", server.CreateClient(await TestPrincipals.CreateTokenAsync(server, otherAdmin, "other-admin", other)), null, OtherWorkspaceAdmin: true, Narrowed: true));
        return principals;
    }

    /// <summary>
    /// An experiment with a run, an artifact and a logged model, a registered model with version 1 and a webhook, and a
    /// deployment named as the model (routes take both as <c>{name}</c>), all in team.
    /// </summary>
    private static async Task<Resources> CreateResourcesAsync(SlipwayTestServer server, long team, HttpClient admin)
    {
        var mlflow = new MlflowApi(admin);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var experimentName = "exp-" + suffix;
        var experimentId = await mlflow.CreateExperimentAsync(experimentName);
        var runId = await mlflow.CreateRunAsync(experimentId);
        await mlflow.LogModelFilesAsync(runId, experimentId: experimentId);
        var loggedModel = await mlflow.OkAsync("logged-models", new { experiment_id = experimentId, name = "lm" });
        var modelName = "model-" + suffix;
        await mlflow.OkAsync("registered-models/create", new { name = modelName });
        await mlflow.OkAsync("model-versions/create", new { name = modelName, source = $"runs:/{runId}/model", run_id = runId });
        await using (var scope = server.Services.CreateAsyncScope())
        {
            // Stored directly: version 1 is not a servable package, and the deployments API has its own tests.
            var db = scope.ServiceProvider.GetRequiredService<Slipway.Core.Infrastructure.Persistence.SlipwayDbContext>();
            db.Deployments.Add(new Slipway.Core.Serving.Deployments.Deployment
            {
                WorkspaceId = team, Name = modelName, Spec = $$$"""{"routes":[{"id":"a","target":{"model":"{{{modelName}}}","version":1}}]}""", Salt = suffix,
            });
            await db.SaveChangesAsync();
        }

        var webhook = await mlflow.OkAsync("webhooks", new { name = "hook-" + suffix, url = "http://127.0.0.1:9/hook", events = new[] { new { entity = "model_version", action = "created" } } });
        return new Resources
        {
            ExperimentId = experimentId,
            ExperimentName = experimentName,
            RunId = runId,
            LoggedModelId = loggedModel.GetProperty("model").GetProperty("info").GetProperty("model_id").GetString()!,
            ModelName = modelName,
            WebhookId = webhook.GetProperty("webhook").GetProperty("webhook_id").GetString()!,
        };
    }

    private static async Task<string> RegisteredModelIdAsync(SlipwayTestServer server, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Slipway.Core.Infrastructure.Persistence.SlipwayDbContext>();
        return TestPrincipals.Id(db.RegisteredModels.Single(m => m.Name == name).Id);
    }

    /// <summary>A request for <paramref name="pattern"/> that names team's resources wherever the route takes a value.</summary>
    private static HttpRequestMessage Request(RoutePattern pattern, string method, Resources r)
    {
        var raw = pattern.RawText!;
        string Value(string parameter) => parameter switch
        {
            "id" when raw.StartsWith("/api/v1/experiments", StringComparison.Ordinal) => r.ExperimentId,
            "id" when raw.StartsWith("/api/v1/runs", StringComparison.Ordinal) => r.RunId,
            "id" or "webhook_id" => r.WebhookId,
            "modelId" => r.LoggedModelId,
            "name" or "deployment" => r.ModelName,
            "version" => "1",
            // A plain artifact: model files also need download_artifacts, which AttackChecklistTests covers.
            "path" => $"{r.ExperimentId}/{r.RunId}/artifacts/notes.txt",
            _ => "x1",
        };

        var path = string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => parameter.IsCatchAll ? Value("path") : Uri.EscapeDataString(Value(parameter.Name)),
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

        var fields = new Dictionary<string, object>
        {
            ["experiment_id"] = r.ExperimentId,
            ["experiment_name"] = r.ExperimentName,
            ["run_id"] = r.RunId,
            ["name"] = r.ModelName,
            ["version"] = "1",
            ["model_id"] = r.LoggedModelId,
            ["key"] = "k",
            ["value"] = "v",
            ["alias"] = "a",
            ["path"] = $"{r.ExperimentId}/{r.RunId}/artifacts",
            ["experiment_ids"] = new[] { r.ExperimentId },
        };

        var isMlflow = raw.Contains("/mlflow", StringComparison.Ordinal);
        if (method == "GET")
        {
            var query = isMlflow
                ? "?" + string.Join('&', fields.Where(f => f.Value is string).Select(f => f.Key + "=" + Uri.EscapeDataString((string)f.Value)))
                : "";
            return new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/') + query);
        }

        var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (raw.Contains("mlflow-artifacts/artifacts/{**path}", StringComparison.Ordinal) && method == "PUT")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("data"));
        }
        else
        {
            request.Content = new StringContent(JsonSerializer.Serialize(isMlflow ? fields : new Dictionary<string, object>()), Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
