namespace Slipway.Contracts.Registry;

/// <summary>Where a third-party version came from: its origin (e.g. <c>huggingface</c>), license, author and source URL.</summary>
public sealed record ModelProvenanceResponse(string? Origin, string? License, string? Author, string? SourceUrl);
