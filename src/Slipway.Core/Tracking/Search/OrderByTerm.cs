namespace Slipway.Core.Tracking.Search;

/// <summary>One parsed order_by item; attribute keys are canonical (<c>created</c> arrives as <c>start_time</c>).</summary>
internal sealed record OrderByTerm(SearchEntity Entity, string Key, bool Ascending);
