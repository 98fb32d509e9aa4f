namespace Slipway.Core.Tracking.Search;

/// <summary>One page of search results; <see cref="NextPageToken"/> only when another page exists.</summary>
public sealed record SearchPage<T>(IReadOnlyList<T> Items, string? NextPageToken);
