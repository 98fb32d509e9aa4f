using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Registry.Lifecycle;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Lifecycle;

public sealed class VersionHoldsTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Manual_holds_are_added_once_listed_and_removed_and_other_kinds_belong_to_their_owner(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        await api.CreateModelAsync("churn", versions: 1);

        var created = await api.OkAsync(api.HoldAsync("churn", 1, "INC-7", "under investigation"), HttpStatusCode.Created);
        Assert.Equal("manual", created.GetProperty("kind").GetString());
        Assert.Equal("admin", created.GetProperty("created_by").GetString());
        await api.OkAsync(api.HoldAsync("churn", 1, "INC-7", "again"));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var holds = scope.ServiceProvider.GetRequiredService<VersionHolds>();
            Assert.True((await holds.AddAsync("churn", "1", HoldKinds.Approval, "apr-1", "", CancellationToken.None)).Value!.Created);
            Assert.True((await holds.IsHeldAsync("churn", "1", CancellationToken.None)).Value);
            Assert.False((await holds.AddAsync("churn", "1", "Bad Kind", "x", "", CancellationToken.None)).IsSuccess);
        }

        var list = await api.OkAsync(api.HoldsAsync("churn", 1));
        Assert.Equal(["manual/INC-7", "approval/apr-1"], list.EnumerateArray().Select(h => $"{h.GetProperty("kind").GetString()}/{h.GetProperty("reference").GetString()}"));
        Assert.Equal("under investigation", list[0].GetProperty("reason").GetString());

        LifecycleApi.AssertProblem(HttpStatusCode.Conflict, LifecycleErrors.HoldNotManualCode, await api.UnholdAsync("churn", 1, "approval", "apr-1"));
        await api.OkAsync(api.UnholdAsync("churn", 1, "manual", "INC-7"), HttpStatusCode.NoContent);
        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.UnholdAsync("churn", 1, "manual", "INC-7"));
        LifecycleApi.AssertProblem(HttpStatusCode.BadRequest, "invalid_parameter_value", await api.HoldAsync("churn", 1, ""));
        LifecycleApi.AssertProblem(HttpStatusCode.NotFound, "resource_does_not_exist", await api.HoldAsync("churn", 5, "x"));
        Assert.Single((await api.OkAsync(api.HoldsAsync("churn", 1))).EnumerateArray());

        var actions = (await api.OkAsync(api.VersionHistoryAsync("churn", 1))).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["HOLD_REMOVED", "HOLD_ADDED", "HOLD_ADDED", "CREATED"], actions);
    }
}
