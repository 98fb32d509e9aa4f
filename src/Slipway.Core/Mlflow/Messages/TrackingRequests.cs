namespace Slipway.Core.Mlflow.Messages;

// Request messages of the tracking RPCs (mlflow-rest.md §2.1). Every field is optional on the wire; the
// handlers say which are required. run_id wins over run_uuid (§1.2).

public sealed record ExperimentIdRequest(string? ExperimentId);

public sealed record CreateExperimentRequest(string? Name, string? ArtifactLocation, List<KeyValueJson>? Tags);

public sealed record GetExperimentByNameRequest(string? ExperimentName);

public sealed record UpdateExperimentRequest(string? ExperimentId, string? NewName);

public sealed record ExperimentTagRequest(string? ExperimentId, string? Key, string? Value);

public sealed record SearchExperimentsRequest(long? MaxResults, string? PageToken, string? Filter, List<string>? OrderBy, string? ViewType);

public sealed record CreateRunRequest(string? ExperimentId, string? UserId, string? RunName, long? StartTime, List<KeyValueJson>? Tags);

public record RunIdRequest(string? RunId, string? RunUuid)
{
    public string? Id => string.IsNullOrEmpty(RunId) ? RunUuid : RunId;
}

public sealed record UpdateRunRequest(string? RunId, string? RunUuid, string? Status, long? EndTime, string? RunName) : RunIdRequest(RunId, RunUuid);

public sealed record LogMetricRequest(
    string? RunId,
    string? RunUuid,
    string? Key,
    double? Value,
    long? Timestamp,
    long? Step,
    string? ModelId,
    string? DatasetName,
    string? DatasetDigest) : RunIdRequest(RunId, RunUuid);

public sealed record RunKeyValueRequest(string? RunId, string? RunUuid, string? Key, string? Value) : RunIdRequest(RunId, RunUuid);

public sealed record LogBatchRequest(string? RunId, string? RunUuid, List<MetricJson>? Metrics, List<KeyValueJson>? Params, List<KeyValueJson>? Tags)
    : RunIdRequest(RunId, RunUuid);

public sealed record MetricHistoryRequest(string? RunId, string? RunUuid, string? MetricKey, long? MaxResults, string? PageToken) : RunIdRequest(RunId, RunUuid);

public sealed record LogInputsRequest(string? RunId, string? RunUuid, List<DatasetInputJson>? Datasets, List<ModelInputJson>? Models) : RunIdRequest(RunId, RunUuid);

public sealed record LogModelRequest(string? RunId, string? RunUuid, string? ModelJson) : RunIdRequest(RunId, RunUuid);

public sealed record LogOutputsRequest(string? RunId, string? RunUuid, List<ModelOutputJson>? Models) : RunIdRequest(RunId, RunUuid);

public sealed record SearchRunsRequest(List<string>? ExperimentIds, string? Filter, string? RunViewType, long? MaxResults, List<string>? OrderBy, string? PageToken);
