namespace Slipway.Core.Mlflow.Messages;

// Logged models (MLflow 3, mlflow-rest.md §2.4 and §3).

public sealed record CreateLoggedModelRequest(string? ExperimentId, string? Name, string? ModelType, string? SourceRunId, List<KeyValueJson>? Params, List<KeyValueJson>? Tags);

public sealed record FinalizeLoggedModelRequest(string? ModelId, string? Status);

public sealed record LoggedModelTagsRequest(List<KeyValueJson>? Tags);

public sealed record LoggedModelParamsRequest(List<KeyValueJson>? Params);

public sealed record SearchLoggedModelsRequest(
    List<string>? ExperimentIds,
    string? Filter,
    List<LoggedModelDatasetJson>? Datasets,
    long? MaxResults,
    List<LoggedModelOrderByJson>? OrderBy,
    string? PageToken);

public sealed record LoggedModelDatasetJson(string? DatasetName, string? DatasetDigest);

public sealed record LoggedModelOrderByJson(string? FieldName, bool? Ascending, string? DatasetName, string? DatasetDigest);

public sealed record LoggedModelJson(LoggedModelInfoJson Info, LoggedModelDataJson Data);

public sealed record LoggedModelInfoJson(
    string ModelId,
    string ExperimentId,
    string Name,
    string ArtifactUri,
    string Status,
    string? StatusMessage,
    long CreationTimestampMs,
    long LastUpdatedTimestampMs,
    string? ModelType,
    string? SourceRunId,
    List<KeyValueJson>? Tags);

public sealed record LoggedModelDataJson(List<KeyValueJson>? Params, List<MetricJson>? Metrics);
