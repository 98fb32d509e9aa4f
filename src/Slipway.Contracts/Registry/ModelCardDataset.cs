namespace Slipway.Contracts.Registry;

/// <summary>A dataset a version was trained or evaluated on; <see cref="RunId"/> names the run input it came from, when known.</summary>
public sealed record ModelCardDataset(string Name, string? Digest = null, string? Source = null, string? SourceType = null, string? RunId = null);
