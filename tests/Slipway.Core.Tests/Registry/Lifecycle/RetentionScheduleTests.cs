using Microsoft.Extensions.DependencyInjection;
using Slipway.Core.Registry.Lifecycle.Retention;
using Slipway.Tests;

namespace Slipway.Core.Tests.Registry.Lifecycle;

public sealed class RetentionScheduleTests
{
    [Theory]
    [ClassData(typeof(ProviderTheoryData))]
    public async Task Two_schedulers_racing_over_the_same_policies_run_each_policy_once(Provider provider)
    {
        await using var server = await SlipwayTestServer.StartAsync(provider);
        var api = new LifecycleApi(server.Client);
        var names = Enumerable.Range(1, 6).Select(i => $"replica-{i}").ToList();
        foreach (var name in names)
        {
            await api.CreateModelAsync(name, versions: 2);
            await api.OkAsync(api.SetPolicyAsync(name, new { keep_newest = 1 }));
        }

        // Two instances stand in for two replicas: each claims policies with its own scopes and connections.
        var replicas = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<RetentionSchedule>(server.Services)).ToList();
        var ran = await Task.WhenAll(replicas.Select(r => r.RunDueAsync(TimeSpan.FromHours(1), CancellationToken.None)));

        Assert.Equal(names.Count, ran.Sum());
        foreach (var name in names)
        {
            var history = (await api.OkAsync(api.VersionHistoryAsync(name, 1))).GetProperty("items");
            // Archived once, after its creation.
            Assert.Equal(["ARCHIVED", "CREATED"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
            Assert.Equal("system:retention", history[0].GetProperty("actor").GetString());
        }

        Assert.Equal(0, (await Task.WhenAll(replicas.Select(r => r.RunDueAsync(TimeSpan.FromHours(1), CancellationToken.None)))).Sum());
    }
}
