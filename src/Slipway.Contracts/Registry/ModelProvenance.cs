namespace Slipway.Contracts.Registry;

/// <summary>Where a third-party model came from: the origin (required, e.g. <c>huggingface</c>), its license, author and source URL.</summary>
public sealed record ModelProvenance(string Origin, string? License = null, string? Author = null, string? SourceUrl = null);
