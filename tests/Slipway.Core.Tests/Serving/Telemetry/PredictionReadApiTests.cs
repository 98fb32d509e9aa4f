using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Governance;
using Slipway.Core.Governance.Access;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Serving.Deployments;
using Slipway.Core.Serving.Telemetry;
using Slipway.Tests;

namespace Slipway.Core.Tests.Serving.Telemetry;

public sealed class PredictionReadApiTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static async Task<(List<JsonElement> Items, string? Next)> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        var next = page.GetProperty("next_cursor");
        return ([.. page.GetProperty("items").EnumerateArray()], next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }

    private static async Task<long> CreateDeploymentAsync(SlipwayTestServer server, long workspace, string name)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlipwayDbContext>();
        var deployment = new Deployment { WorkspaceId = workspace, Name = name, Spec = "{}", Salt = "00", CreatedAt = 1, UpdatedAt = 1 };
        db.Deployments.Add(deployment);
        await db.SaveChangesAsync();
        return deployment.Id;
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Records_page_newest_first_filter_and_stay_in_their_workspace(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var team = await TestPrincipals.CreateWorkspaceAsync(server, "team");
        var other = await TestPrincipals.CreateWorkspaceAsync(server, "other");
        var log = server.Services.GetRequiredService<PredictionLog>();
        for (var i = 0; i < 25; i++)
        {
            log.Write(PredictionEntries.Create($"team-{i}", team, sequence: i * 1000, route: i % 5 == 0 ? "challenger" : "champion", status: i % 10 == 9 ? "rejected" : "ok"));
            log.Write(PredictionEntries.Create($"other-{i}", other, sequence: i * 1000));
        }

        await log.FlushAsync(CancellationToken.None).WaitAsync(Patience);
        var readerId = await TestPrincipals.CreateUserAsync(server, "reader");
        await TestPrincipals.BindAsync(server, team, await TestPrincipals.CreateRoleAsync(server, team, "readers", Permission.Read), readerId);
        using var reader = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, readerId, "reader"), "team");

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (items, next) = await PageAsync(reader, "api/v1/deployments/income/predictions?limit=10" + (cursor is null ? "" : "&page_token=" + cursor));
            seen.AddRange(items.Select(r => r.GetProperty("prediction_id").GetString()!));
            cursor = next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"team-{i}"), seen);

        var (challengers, _) = await PageAsync(reader, "api/v1/deployments/income/predictions?route=challenger");
        Assert.Equal(["team-20", "team-15", "team-10", "team-5", "team-0"], challengers.Select(r => r.GetProperty("prediction_id").GetString()));
        var (rejected, _) = await PageAsync(reader, "api/v1/deployments/income/predictions?status=rejected");
        Assert.Equal(["team-19", "team-9"], rejected.Select(r => r.GetProperty("prediction_id").GetString()));
        var since = Uri.EscapeDataString(PredictionRecordJson.Timestamp(PredictionEntries.Start.AddSeconds(3)));
        var until = PredictionEntries.Start.AddSeconds(6).ToUnixTimeMilliseconds();
        var (window, _) = await PageAsync(reader, $"api/v1/deployments/income/predictions?since={since}&until={until}");
        Assert.Equal(["team-5", "team-4", "team-3"], window.Select(r => r.GetProperty("prediction_id").GetString()));
        Assert.Equal("slipway.prediction.v1", window[0].GetProperty("schema").GetString());

        using (var bad = await reader.GetAsync("api/v1/deployments/income/predictions?limit=1001"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var bad = await reader.GetAsync("api/v1/deployments/income/predictions?status=maybe"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        // The other workspace's records are not there, whether listed or asked for by id.
        using (var hidden = await reader.GetAsync("api/v1/predictions/other-3"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using var otherAdmin = TestPrincipals.Client(server, server.AdminToken, "other");
        var (others, _) = await PageAsync(otherAdmin, "api/v1/deployments/income/predictions?limit=1000");
        Assert.Equal(25, others.Count);
        Assert.All(others, r => Assert.StartsWith("other-", r.GetProperty("prediction_id").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task A_prediction_id_answers_its_primary_and_shadow_records_to_readers_of_the_deployment_only(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var team = await TestPrincipals.CreateWorkspaceAsync(server, "team");
        var income = await CreateDeploymentAsync(server, team, "income");
        await CreateDeploymentAsync(server, team, "churn");
        var log = server.Services.GetRequiredService<PredictionLog>();
        log.Write(PredictionEntries.Create("p-1", team, sequence: 1));
        log.Write(PredictionEntries.Create("p-1", team, sequence: 2, role: "shadow", route: "shadow-v10"));
        log.Write(PredictionEntries.Create("p-2", team, deployment: "churn"));
        await log.FlushAsync(CancellationToken.None).WaitAsync(Patience);

        var readerId = await TestPrincipals.CreateUserAsync(server, "reader");
        await TestPrincipals.GrantAsync(server, team, readerId, ResourceTypes.Deployment, TestPrincipals.Id(income), Permission.Read);
        using var reader = TestPrincipals.Client(server, await TestPrincipals.CreateTokenAsync(server, readerId, "reader"), "team");

        var body = await reader.GetFromJsonAsync<JsonElement>("api/v1/predictions/p-1");
        Assert.Equal("p-1", body.GetProperty("prediction_id").GetString());
        Assert.Equal(["primary", "shadow"], body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("route").GetProperty("role").GetString()));

        using (var hidden = await reader.GetAsync("api/v1/predictions/p-2"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var unknown = await server.Client.GetAsync("api/v1/predictions/p-3"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var admin = TestPrincipals.Client(server, server.AdminToken, "team");
        var churn = await admin.GetFromJsonAsync<JsonElement>("api/v1/predictions/p-2");
        Assert.Equal("churn", churn.GetProperty("records")[0].GetProperty("deployment").GetString());
    }
}
