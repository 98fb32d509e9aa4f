using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Tests;

namespace Slipway.Core.Tests.Serving;

/// <summary>Review of issue 6: bugs found in the merged serving pipeline, each shown by a request that goes wrong.</summary>
public sealed class ReviewFindingsTests(ReviewFindingsTests.Fixture fixture) : IClassFixture<ReviewFindingsTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public SlipwayTestServer Server { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // A slow reconcile timer stands for another replica, which sees a change only at its next pass.
            Server = await SlipwayTestServer.StartAsync(Provider.Sqlite, settings: new Dictionary<string, string?>
            {
                ["Serving:ReconcileSeconds"] = "600",
                ["Auth:TokenCacheSeconds"] = "0",
            });
            var census = await ServingKit.RegisterOnnxAsync(Server, "census");
            foreach (var name in new[] { "census", "gone" })
            {
                await ServingKit.DeployAsync(Server, ServingKit.Spec(name, ServingKit.Route("main", "census", version: census)));
                await ServingKit.WaitAsync(Server, name);
            }
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private SlipwayTestServer Server => fixture.Server;

    [Fact]
    public async Task A_list_inside_flat_oip_data_is_refused_rather_than_leaving_a_hole_or_writing_past_the_tensor()
    {
        foreach (var (label, data) in new[] { ("hole", new JsonArray(39, new JsonArray())), ("overrun", new JsonArray(39, new JsonArray(50, 60))) })
        {
            var body = JsonNode.Parse(ServingKit.OipBody(ServingKit.Rows(2)))!;
            body["inputs"]![0]!["data"] = data;
            var (response, json) = await ServingKit.PostAsync(Server.Client, "v2/models/census/infer", body.ToJsonString());
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{label}: expected 400, got {(int)response.StatusCode}: {json}");
        }
    }

    [Fact]
    public async Task A_deployment_deleted_on_another_replica_is_not_served_to_a_caller_without_a_grant()
    {
        var nobodyId = await TestPrincipals.CreateUserAsync(Server, "nobody-" + Guid.NewGuid().ToString("N")[..6]);
        using var nobody = TestPrincipals.Client(Server, await TestPrincipals.CreateTokenAsync(Server, nobodyId, "nobody"));
        var body = ServingKit.OipBody(ServingKit.Rows(1));
        var (before, _) = await ServingKit.PostAsync(nobody, "v2/models/gone/infer", body);
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);

        // What another replica's DELETE /api/v1/deployments/gone leaves in the shared database.
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().Deployments.Where(d => d.Name == "gone").ExecuteDeleteAsync();
        }

        var (after, json) = await ServingKit.PostAsync(nobody, "v2/models/gone/infer", body);
        Assert.True(after.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
            $"a caller with no grant got {(int)after.StatusCode} from a deleted deployment: {json}");
    }

    [Fact]
    public async Task A_request_refused_as_malformed_uses_none_of_the_daily_quota()
    {
        var appId = await TestPrincipals.CreateUserAsync(Server, "app-" + Guid.NewGuid().ToString("N")[..6]);
        long deploymentId;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            deploymentId = await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().Deployments.Where(d => d.Name == "census").Select(d => d.Id).SingleAsync();
        }

        await TestPrincipals.GrantAsync(Server, Workspace.DefaultId, appId, ResourceTypes.Deployment, deploymentId.ToString(CultureInfo.InvariantCulture), Permission.Use);
        using var app = TestPrincipals.Client(Server, await TestPrincipals.CreateTokenAsync(Server, appId, "app"));
        long tokenId;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            tokenId = await scope.ServiceProvider.GetRequiredService<SlipwayDbContext>().ApiTokens.Where(t => t.UserId == appId).Select(t => t.Id).SingleAsync();
        }

        using (var set = await Server.Client.PutAsJsonAsync($"api/v1/tokens/{tokenId}/limits", new { daily_request_quota = 1 }))
        {
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }

        var (bad, badJson) = await ServingKit.PostAsync(app, "mlflow/census/invocations", """{"dataframe_records": [{"age": "thirty"}]}""");
        Assert.True(bad.StatusCode == HttpStatusCode.BadRequest, badJson.ToString());
        var (good, goodJson) = await ServingKit.PostAsync(app, "mlflow/census/invocations", ServingKit.RecordsBody(ServingKit.Rows(1)));
        Assert.True(good.StatusCode == HttpStatusCode.OK, $"the first valid request of the day got {(int)good.StatusCode}: {goodJson}");
    }
}
