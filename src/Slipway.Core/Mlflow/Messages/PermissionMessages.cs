namespace Slipway.Core.Mlflow.Messages;

public sealed record ExperimentPermissionRequest(string? ExperimentId, string? Username, string? Permission);

public sealed record RegisteredModelPermissionRequest(string? Name, string? Username, string? Permission);

public sealed record ExperimentPermissionJson(string ExperimentId, long UserId, string Permission);

public sealed record RegisteredModelPermissionJson(string Name, long UserId, string Permission);
