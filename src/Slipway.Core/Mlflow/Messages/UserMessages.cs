namespace Slipway.Core.Mlflow.Messages;

/// <summary>The body (or query) of MLflow's auth-app user RPCs.</summary>
public sealed record MlflowUserRequest(string? Username, string? Password, bool? IsAdmin);

/// <summary>MLflow's user shape; permissions are listed through Slipway's grants, so the lists are empty here.</summary>
public sealed record MlflowUserJson(long Id, string Username, bool IsAdmin, IReadOnlyList<object> ExperimentPermissions, IReadOnlyList<object> RegisteredModelPermissions);
