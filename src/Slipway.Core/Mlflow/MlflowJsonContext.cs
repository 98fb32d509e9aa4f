using System.Text.Json.Serialization;
using Slipway.Core.Mlflow.Messages;

namespace Slipway.Core.Mlflow;

/// <summary>
/// Source-generated (de)serializers for the MLflow messages, so the hot RPCs (log-batch, get, search, history) do
/// not pay for reflection. <see cref="MlflowJson.Options"/> puts it first and keeps reflection for anything else.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(LogBatchRequest))]
[JsonSerializable(typeof(Governance.Access.AccessFields))]
[JsonSerializable(typeof(LogMetricRequest))]
[JsonSerializable(typeof(RunKeyValueRequest))]
[JsonSerializable(typeof(RunIdRequest))]
[JsonSerializable(typeof(UpdateRunRequest))]
[JsonSerializable(typeof(CreateRunRequest))]
[JsonSerializable(typeof(SearchRunsRequest))]
[JsonSerializable(typeof(MetricHistoryRequest))]
[JsonSerializable(typeof(LogInputsRequest))]
[JsonSerializable(typeof(LogOutputsRequest))]
[JsonSerializable(typeof(LogModelRequest))]
[JsonSerializable(typeof(CreateExperimentRequest))]
[JsonSerializable(typeof(ExperimentIdRequest))]
[JsonSerializable(typeof(GetExperimentByNameRequest))]
[JsonSerializable(typeof(UpdateExperimentRequest))]
[JsonSerializable(typeof(ExperimentTagRequest))]
[JsonSerializable(typeof(SearchExperimentsRequest))]
[JsonSerializable(typeof(CreateLoggedModelRequest))]
[JsonSerializable(typeof(FinalizeLoggedModelRequest))]
[JsonSerializable(typeof(LoggedModelTagsRequest))]
[JsonSerializable(typeof(LoggedModelParamsRequest))]
[JsonSerializable(typeof(SearchLoggedModelsRequest))]
[JsonSerializable(typeof(RunJson))]
[JsonSerializable(typeof(ExperimentJson))]
[JsonSerializable(typeof(LoggedModelJson))]
[JsonSerializable(typeof(MlflowErrorBody))]
[JsonSerializable(typeof(CreateRegisteredModelRequest))]
[JsonSerializable(typeof(RegisteredModelNameRequest))]
[JsonSerializable(typeof(RenameRegisteredModelRequest))]
[JsonSerializable(typeof(UpdateRegisteredModelRequest))]
[JsonSerializable(typeof(RegisteredModelTagRequest))]
[JsonSerializable(typeof(RegisteredModelAliasRequest))]
[JsonSerializable(typeof(CreateModelVersionRequest))]
[JsonSerializable(typeof(ModelVersionRequest))]
[JsonSerializable(typeof(ModelVersionTagRequest))]
[JsonSerializable(typeof(GetLatestVersionsRequest))]
[JsonSerializable(typeof(TransitionStageRequest))]
[JsonSerializable(typeof(SearchRegistryRequest))]
[JsonSerializable(typeof(RegisteredModelJson))]
[JsonSerializable(typeof(ModelVersionJson))]
internal sealed partial class MlflowJsonContext : JsonSerializerContext;
