namespace Slipway.Core.Tracking.Search;

/// <summary>
/// One clause of a filter. <see cref="Key"/> is the canonical name for attributes and dataset fields
/// (<c>created</c> arrives as <c>start_time</c>, <c>`run name`</c> as <c>run_name</c>) and the user's key otherwise.
/// </summary>
internal sealed record Comparison(SearchEntity Entity, string Key, Comparator Comparator, SearchValue Value);
