namespace Slipway.Core.Tracking.Search;

/// <summary>An entry of <c>datasets[]</c> of <c>logged-models/search</c>: metric filters count only points on these datasets.</summary>
public sealed record LoggedModelDataset(string DatasetName, string? DatasetDigest = null);
