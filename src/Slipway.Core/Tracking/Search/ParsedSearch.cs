namespace Slipway.Core.Tracking.Search;

/// <summary>A search's filter and order_by, parsed and checked against its grammar, ready to compile.</summary>
internal sealed record ParsedSearch(SearchFilter Filter, IReadOnlyList<OrderByTerm> Order);
