namespace Slipway.Core.Mlflow.Messages;

// MLflow's entity JSON shapes (mlflow-rest.md §3). Nulls and empty lists are omitted on the wire.

public sealed record KeyValueJson(string? Key, string? Value);

public sealed record ExperimentJson(
    string ExperimentId,
    string Name,
    string ArtifactLocation,
    string LifecycleStage,
    long CreationTime,
    long LastUpdateTime,
    List<KeyValueJson>? Tags);

public sealed record RunJson(RunInfoJson Info, RunDataJson Data, RunInputsJson Inputs, RunOutputsJson Outputs);

public sealed record RunInfoJson(
    string RunId,
    string RunUuid,
    string RunName,
    string ExperimentId,
    string? UserId,
    string Status,
    long StartTime,
    long? EndTime,
    string ArtifactUri,
    string LifecycleStage);

public sealed record RunDataJson(List<MetricJson>? Metrics, List<KeyValueJson>? Params, List<KeyValueJson>? Tags);

public sealed record RunInputsJson(List<DatasetInputJson>? DatasetInputs, List<ModelInputJson>? ModelInputs);

public sealed record RunOutputsJson(List<ModelOutputJson>? ModelOutputs);

public sealed record DatasetInputJson(List<KeyValueJson>? Tags, DatasetJson? Dataset);

public sealed record DatasetJson(string? Name, string? Digest, string? SourceType, string? Source, string? Schema, string? Profile);

public sealed record ModelInputJson(string? ModelId);

public sealed record ModelOutputJson(string? ModelId, long? Step);

public sealed record MetricJson(
    string? Key,
    double? Value,
    long? Timestamp,
    long? Step,
    string? ModelId = null,
    string? RunId = null,
    string? DatasetName = null,
    string? DatasetDigest = null);

public sealed record FileInfoJson(string Path, bool IsDir, long? FileSize);
