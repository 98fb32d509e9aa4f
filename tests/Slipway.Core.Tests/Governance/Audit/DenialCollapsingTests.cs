using System.Net;
using Slipway.Tests;
using static Slipway.Core.Tests.Governance.Audit.AuditTestSupport;

namespace Slipway.Core.Tests.Governance.Audit;

/// <summary>Refused requests are rate-collapsed per caller, status and route pattern (governance.md §8.4).</summary>
public sealed class DenialCollapsingTests
{
    [Fact]
    public async Task A_flood_of_refusals_on_one_route_is_one_event_per_window_and_the_next_one_counts_the_rest()
    {
        await using var server = await SlipwayTestServer.StartAsync(settings: new Dictionary<string, string?> { ["Audit:DenialWindow"] = "00:00:00.5" });
        using var anonymous = server.CreateClient(token: null);

        // Different names on one route pattern collapse together; another route is its own key.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"api/v1/models/model-{i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/tokens")).StatusCode);
        var refusals = (await EventsAsync(server.Client)).Where(e => e.GetProperty("action").GetString() == "request.unauthenticated").ToList();
        Assert.Equal(2, refusals.Count);

        // Once the window has passed, the next refusal on the route is written and carries the count of those collapsed.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var sent = 0;
        while (true)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/v1/models/late")).StatusCode);
            sent++;
            var later = (await EventsAsync(server.Client)).Where(e => e.GetProperty("action").GetString() == "request.unauthenticated").ToList();
            if (later.Count == 3)
            {
                var collapsed = later[2].GetProperty("context").GetProperty("collapsed").GetInt32();
                Assert.Equal(19 + sent - 1, collapsed);
                break;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "no refusal was recorded after the window");
        }
    }
}
