namespace Slipway.Core.Tracking.Search;

/// <summary>
/// One order_by object of <c>logged-models/search</c>: an attribute or <c>metrics.&lt;key&gt;</c>; for a metric,
/// the dataset restricts which points count. <see cref="Ascending"/> defaults to true, as in the proto.
/// </summary>
public sealed record LoggedModelOrderBy(string FieldName, bool Ascending = true, string? DatasetName = null, string? DatasetDigest = null);
