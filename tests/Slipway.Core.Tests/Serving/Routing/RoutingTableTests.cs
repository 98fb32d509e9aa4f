using System.Globalization;
using Slipway.Core.Serving.Hosting;
using Slipway.Core.Serving.Routing;

namespace Slipway.Core.Tests.Serving.Routing;

public sealed class RoutingTableTests
{
    private static RoutingTable Table(string salt, params (string Id, int Version, int Weight)[] routes) =>
        new(routes.Select(r => new ActiveRoute(r.Id, RouteRoles.Primary, new VersionKey(1, r.Version), "income", null, r.Weight, 0, true)), salt);

    private static string Key(int i) => "customer-" + i.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Sticky_shares_hold_within_one_percent_over_100000_keys()
    {
        var table = Table("5f1c", ("champion", 7, 90), ("challenger", 9, 10));
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 100_000; i++)
        {
            var pick = table.Pick(Key(i), _ => true, Random.Shared)!;
            Assert.Equal(RouteSelection.Sticky, pick.SelectedBy);
            Assert.Matches("^[0-9a-f]{12}$", pick.KeyHash);
            counts[pick.Route.Id] = counts.GetValueOrDefault(pick.Route.Id) + 1;
        }

        Assert.InRange(counts["champion"] / 100_000.0, 0.89, 0.91);
        Assert.InRange(counts["challenger"] / 100_000.0, 0.09, 0.11);
    }

    [Fact]
    public void The_same_key_reaches_the_same_route_from_a_fresh_table_with_the_same_salt()
    {
        var first = Table("a1b2", ("a", 1, 50), ("b", 2, 30), ("c", 3, 20));
        var second = Table("a1b2", ("c", 3, 20), ("a", 1, 50), ("b", 2, 30));
        for (var i = 0; i < 5_000; i++)
        {
            Assert.Equal(first.Pick(Key(i), _ => true, Random.Shared)!.Route.Id, second.Pick(Key(i), _ => true, new Random(i))!.Route.Id);
        }
    }

    [Fact]
    public void The_hash_is_stable_across_processes()
    {
        // Fixed values: XxHash64 of salt, unit separator and key. A change here moves every sticky key; never change it silently.
        Assert.Equal(RoutingTable.Hash("s", "k"), RoutingTable.Hash("s", "k"));
        Assert.NotEqual(RoutingTable.Hash("s", "k"), RoutingTable.Hash("t", "k"));
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64("s\u001fk"u8), RoutingTable.Hash("s", "k"));
    }

    [Fact]
    public void A_weight_change_moves_only_keys_between_the_old_and_new_boundaries()
    {
        var before = Table("salt", ("a", 1, 90), ("b", 2, 10));
        var after = Table("salt", ("a", 1, 80), ("b", 2, 20));
        var moved = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var was = before.Pick(Key(i), _ => true, Random.Shared)!.Route.Id;
            var now = after.Pick(Key(i), _ => true, Random.Shared)!.Route.Id;
            if (was != now)
            {
                Assert.Equal(("a", "b"), (was, now));
                moved++;
            }
        }

        Assert.InRange(moved / 20_000.0, 0.09, 0.11);
    }

    [Fact]
    public void Weighted_choice_skips_unusable_routes_and_renormalises()
    {
        var table = Table("salt", ("a", 1, 90), ("b", 2, 10));
        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal("b", table.Pick(null, r => r.Id != "a", Random.Shared)!.Route.Id);
        }

        Assert.Null(table.Pick(null, _ => false, Random.Shared));
    }
}
