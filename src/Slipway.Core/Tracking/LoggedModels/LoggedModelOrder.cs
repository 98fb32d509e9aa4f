namespace Slipway.Core.Tracking.LoggedModels;

/// <summary>One order_by item of logged-models/search: an attribute or <c>metrics.&lt;key&gt;</c>, optionally on a dataset.</summary>
public sealed record LoggedModelOrder(string? FieldName, bool Ascending, string? DatasetName, string? DatasetDigest);

/// <summary>Restricts metric filters to metrics logged on this dataset.</summary>
public sealed record LoggedModelDatasetFilter(string? DatasetName, string? DatasetDigest);
