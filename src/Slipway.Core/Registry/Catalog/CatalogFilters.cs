using System.Globalization;
using System.Text.RegularExpressions;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry.Catalog;

/// <summary>A tag filter: the key, and the value it must have (null: any value).</summary>
public sealed record CatalogTagFilter(string Key, string? Value);

/// <summary>A metric threshold on the model card's metrics, such as <c>accuracy&gt;=0.8</c>.</summary>
public sealed record CatalogMetricFilter(string Key, string Operator, double Value);

/// <summary>Parses the <c>tag</c> and <c>metric</c> query parameters of the catalog search.</summary>
public static partial class CatalogFilters
{
    public const int MaxFilters = 20;

    [GeneratedRegex(@"^\s*(?<key>[^<>=!]+?)\s*(?<op>>=|<=|!=|=|>|<)\s*(?<value>\S+)\s*$")]
    private static partial Regex MetricPattern();

    /// <summary><c>key:value</c> (split at the first colon) or <c>key</c> for "has the tag".</summary>
    public static Result<CatalogTagFilter> Tag(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var key = colon < 0 ? text : text[..colon];
        var value = colon < 0 ? null : text[(colon + 1)..];
        return TrackingValidation.Key(key, "tag") is { } error ? error : new CatalogTagFilter(key, value);
    }

    public static Result<CatalogMetricFilter> Metric(string text)
    {
        var match = MetricPattern().Match(text);
        if (!match.Success)
        {
            return Error.Invalid($"Invalid metric filter '{text}': expected <name><op><number> with op one of >=, >, <=, <, =, != (e.g. accuracy>=0.8).", "metric");
        }

        var key = match.Groups["key"].Value;
        if (TrackingValidation.Key(key, "metric") is { } error)
        {
            return error;
        }

        return double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? new CatalogMetricFilter(key, match.Groups["op"].Value, value)
            : Error.Invalid($"Invalid metric filter '{text}': '{match.Groups["value"].Value}' is not a finite number.", "metric");
    }
}
