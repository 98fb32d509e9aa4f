namespace Slipway.Core.Mlflow.Messages;

public sealed record CreateRegisteredModelRequest(string? Name, List<KeyValueJson>? Tags, string? Description);

public sealed record RegisteredModelNameRequest(string? Name);

public sealed record RenameRegisteredModelRequest(string? Name, string? NewName);

public sealed record UpdateRegisteredModelRequest(string? Name, string? Description);

public sealed record RegisteredModelTagRequest(string? Name, string? Key, string? Value);

public sealed record RegisteredModelAliasRequest(string? Name, string? Alias, string? Version);

public sealed record CreateModelVersionRequest(
    string? Name, string? Source, string? RunId, List<KeyValueJson>? Tags, string? RunLink, string? Description, string? ModelId);

public sealed record ModelVersionRequest(string? Name, string? Version, string? Description);

public sealed record ModelVersionTagRequest(string? Name, string? Version, string? Key, string? Value);

public sealed record GetLatestVersionsRequest(string? Name, List<string>? Stages);

public sealed record TransitionStageRequest(string? Name, string? Version, string? Stage, bool? ArchiveExistingVersions);

public sealed record SearchRegistryRequest(string? Filter, long? MaxResults, List<string>? OrderBy, string? PageToken);
