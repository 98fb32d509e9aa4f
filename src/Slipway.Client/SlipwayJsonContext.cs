using System.Text.Json.Serialization;
using Slipway.Contracts;
using Slipway.Contracts.Governance;
using Slipway.Contracts.Registry;
using Slipway.Contracts.Tracking;

namespace Slipway.Client;

/// <summary>The wire format of both APIs: snake_case names, NaN and infinities as strings, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Page<ExperimentResponse>))]
[JsonSerializable(typeof(ExperimentResponse))]
[JsonSerializable(typeof(CreateExperimentRequest))]
[JsonSerializable(typeof(Page<RunResponse>))]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(Page<MetricPointResponse>))]
[JsonSerializable(typeof(List<TokenResponse>))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(CreatedTokenResponse))]
[JsonSerializable(typeof(AuditEventsResponse))]
[JsonSerializable(typeof(AuditVerifyRequest))]
[JsonSerializable(typeof(AuditVerificationResponse))]
[JsonSerializable(typeof(AuditCheckpointResponse))]
[JsonSerializable(typeof(AuditProofResponse))]
[JsonSerializable(typeof(AliasAtResponse))]
[JsonSerializable(typeof(Page<RegisteredModelResponse>))]
[JsonSerializable(typeof(RegisteredModelResponse))]
[JsonSerializable(typeof(Page<ModelVersionResponse>))]
[JsonSerializable(typeof(ModelVersionResponse))]
[JsonSerializable(typeof(ModelCardResponse))]
[JsonSerializable(typeof(CatalogSearchResponse))]
[JsonSerializable(typeof(ArtifactListing))]
[JsonSerializable(typeof(StoredModelVersionResponse))]
[JsonSerializable(typeof(List<ModelVersionFileResponse>))]
[JsonSerializable(typeof(VersionVerificationResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(VersionLifecycleResponse))]
[JsonSerializable(typeof(ArchiveVersionRequest))]
[JsonSerializable(typeof(List<HoldResponse>))]
[JsonSerializable(typeof(HoldResponse))]
[JsonSerializable(typeof(CreateHoldRequest))]
[JsonSerializable(typeof(RetentionPolicyRequest))]
[JsonSerializable(typeof(RetentionPolicyResponse))]
[JsonSerializable(typeof(RetentionRunResponse))]
[JsonSerializable(typeof(Page<RegistryEventResponse>))]
internal sealed partial class SlipwayJsonContext : JsonSerializerContext;
