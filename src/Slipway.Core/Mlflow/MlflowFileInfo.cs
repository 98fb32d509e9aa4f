namespace Slipway.Core.Mlflow;

/// <summary>MLflow's FileInfo (mlflow-rest.md §3): a directory has no <c>file_size</c>.</summary>
public sealed record MlflowFileInfo(string Path, bool IsDir, long? FileSize);

/// <summary>The proxy's list answer; <c>{}</c> when there is nothing to list.</summary>
public sealed record MlflowListArtifactsResponse(List<MlflowFileInfo>? Files);

/// <summary>The answer of <c>artifacts/list</c>: the run's root URI, and paths relative to it.</summary>
public sealed record MlflowListRunArtifactsResponse(string RootUri, List<MlflowFileInfo>? Files);
