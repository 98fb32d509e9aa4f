using System.IO.Hashing;
using System.Text;
using Slipway.Core.Serving.Hosting;

namespace Slipway.Core.Serving.Routing;

/// <summary>A route as it serves now: the version it resolved to, and how it takes traffic.</summary>
public sealed record ActiveRoute(string Id, string Role, VersionKey Key, string ModelName, string? Alias, int Weight, double SamplePercent, bool KeepWarm)
{
    public bool IsShadow => Role == RouteRoles.Shadow;
}

public static class RouteRoles
{
    public const string Primary = "primary";
    public const string Shadow = "shadow";
    public const string Direct = "direct";
}

/// <summary>How a request's route was chosen (prediction log <c>route.selected_by</c>).</summary>
public static class RouteSelection
{
    public const string Weight = "weight";
    public const string Sticky = "sticky";
    public const string Explicit = "explicit";
}

/// <summary>The chosen route, how it was chosen, and the truncated hash of the sticky key (never the key).</summary>
public sealed record RoutePick(ActiveRoute Route, string SelectedBy, string? KeyHash);

/// <summary>
/// A deployment's routes at one moment, immutable and swapped whole (serving spec §3.1). Weighted choice spreads
/// requests by weight over the usable primaries; a sticky key maps to <c>XxHash64(salt ‖ key) mod 10000</c> and onto
/// the primaries' cumulative weight ranges in route-id order, so the same key reaches the same route on every
/// replica and across restarts, and a weight change moves only the keys between the old and new boundaries.
/// </summary>
public sealed class RoutingTable
{
    public const int Buckets = 10_000;

    public RoutingTable(IEnumerable<ActiveRoute> routes, string salt)
    {
        var all = routes.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        Primaries = all.Where(r => !r.IsShadow).ToList();
        Shadows = all.Where(r => r.IsShadow).ToList();
        Salt = salt;
    }

    public static RoutingTable Empty { get; } = new([], "");

    public IReadOnlyList<ActiveRoute> Primaries { get; }

    public IReadOnlyList<ActiveRoute> Shadows { get; }

    public string Salt { get; }

    public IEnumerable<ActiveRoute> All => Primaries.Concat(Shadows);

    public ActiveRoute? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    /// <summary>
    /// Picks a primary among those <paramref name="usable"/> accepts (renormalising the weights over them); null
    /// when none is usable.
    /// </summary>
    public RoutePick? Pick(string? stickyKey, Func<ActiveRoute, bool> usable, Random random)
    {
        var candidates = Primaries.Where(r => r.Weight > 0 && usable(r)).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var total = candidates.Sum(r => (long)r.Weight);
        if (stickyKey is not null)
        {
            var hash = Hash(Salt, stickyKey);
            var bucket = (long)(hash % Buckets);
            // The log keeps 48 of the 64 bits: enough to group a key's requests, never the key itself.
            return new RoutePick(At(candidates, bucket * total / Buckets), RouteSelection.Sticky, (hash >> 16).ToString("x12", System.Globalization.CultureInfo.InvariantCulture));
        }

        return new RoutePick(At(candidates, random.NextInt64(total)), RouteSelection.Weight, null);
    }

    private static ActiveRoute At(List<ActiveRoute> candidates, long position)
    {
        foreach (var route in candidates)
        {
            if (position < route.Weight)
            {
                return route;
            }

            position -= route.Weight;
        }

        return candidates[^1];
    }

    /// <summary>The stable 64-bit hash of a sticky key under a deployment's salt (never <c>string.GetHashCode</c>, which is randomised per process).</summary>
    public static ulong Hash(string salt, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(salt + "\u001f" + key);
        return XxHash64.HashToUInt64(bytes);
    }

    /// <summary>Whether a shadow takes this request: independent sampling per shadow.</summary>
    public static bool Sampled(ActiveRoute shadow, Random random) =>
        shadow.SamplePercent >= 100 || (shadow.SamplePercent > 0 && random.NextDouble() * 100 < shadow.SamplePercent);
}
