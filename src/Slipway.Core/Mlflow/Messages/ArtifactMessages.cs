namespace Slipway.Core.Mlflow.Messages;

/// <summary>The proxy's <c>GET /artifacts?path=</c>: a directory under the artifact root.</summary>
public sealed record ListArtifactsRequest(string? Path);

/// <summary>The proxy's list answer, base names only; <c>{}</c> when there is nothing to list.</summary>
public sealed record ListArtifactsResponse(List<FileInfoJson>? Files);

/// <summary><c>artifacts/list</c>: a directory relative to the run's artifact root.</summary>
public sealed record ListRunArtifactsRequest(string? RunId, string? RunUuid, string? Path, string? PageToken) : RunIdRequest(RunId, RunUuid);

/// <summary>The answer of <c>artifacts/list</c>: the run's root URI, and paths relative to it.</summary>
public sealed record ListRunArtifactsResponse(string RootUri, List<FileInfoJson>? Files);
