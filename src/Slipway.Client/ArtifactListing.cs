namespace Slipway.Client;

/// <summary>The proxy's listing; <c>{}</c> (no files) for a missing directory or a file path.</summary>
internal sealed record ArtifactListing(IReadOnlyList<ArtifactFile>? Files);
