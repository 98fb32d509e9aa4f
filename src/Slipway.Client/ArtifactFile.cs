namespace Slipway.Client;

/// <summary>
/// One entry of an artifact listing. <see cref="Path"/> is relative to the listed directory: a basename from
/// <see cref="ArtifactsClient.ListAsync"/>, a <c>/</c>-separated path from <see cref="ArtifactsClient.ListFilesAsync"/>.
/// <see cref="FileSize"/> is in bytes and null for directories.
/// </summary>
public sealed record ArtifactFile(string Path, bool IsDir, long? FileSize);
