using System.Text.Json.Serialization;
using Slipway.Cli.Commands.Artifacts;
using Slipway.Cli.Configuration;
using Slipway.Contracts;
using Slipway.Contracts.Governance;
using Slipway.Contracts.Registry;
using Slipway.Contracts.Serving;
using Slipway.Contracts.Tracking;

namespace Slipway.Cli.Output;

/// <summary>
/// The <c>--json</c> output: the API's own shapes (snake_case, NaN and infinities as strings), indented, so a
/// script sees what the SDK sees. Also reads the configuration file.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = true,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(AuditVerificationResponse))]
[JsonSerializable(typeof(Page<ExperimentResponse>))]
[JsonSerializable(typeof(ExperimentResponse))]
[JsonSerializable(typeof(Page<RunResponse>))]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(IReadOnlyList<TokenResponse>))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(CreatedTokenResponse))]
[JsonSerializable(typeof(IReadOnlyList<UserResponse>))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(IReadOnlyList<GroupResponse>))]
[JsonSerializable(typeof(IReadOnlyList<WorkspaceResponse>))]
[JsonSerializable(typeof(WorkspaceResponse))]
[JsonSerializable(typeof(IReadOnlyList<RoleResponse>))]
[JsonSerializable(typeof(RoleResponse))]
[JsonSerializable(typeof(IReadOnlyList<BindingResponse>))]
[JsonSerializable(typeof(BindingResponse))]
[JsonSerializable(typeof(IReadOnlyList<GrantResponse>))]
[JsonSerializable(typeof(GrantResponse))]
[JsonSerializable(typeof(Page<RegisteredModelResponse>))]
[JsonSerializable(typeof(RegisteredModelResponse))]
[JsonSerializable(typeof(Page<ModelVersionResponse>))]
[JsonSerializable(typeof(ModelVersionResponse))]
[JsonSerializable(typeof(ModelCardResponse))]
[JsonSerializable(typeof(CatalogSearchResponse))]
[JsonSerializable(typeof(TransferSummary))]
[JsonSerializable(typeof(StoredModelVersionResponse))]
[JsonSerializable(typeof(VersionLifecycleResponse))]
[JsonSerializable(typeof(HoldResponse))]
[JsonSerializable(typeof(IReadOnlyList<HoldResponse>))]
[JsonSerializable(typeof(RetentionPolicyResponse))]
[JsonSerializable(typeof(RetentionRunResponse))]
[JsonSerializable(typeof(Page<RegistryEventResponse>))]
[JsonSerializable(typeof(AliasAtResponse))]
[JsonSerializable(typeof(DeploymentResponse))]
[JsonSerializable(typeof(IReadOnlyList<DeploymentResponse>))]
[JsonSerializable(typeof(ConfigFile))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
