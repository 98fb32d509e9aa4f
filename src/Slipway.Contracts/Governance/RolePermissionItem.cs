namespace Slipway.Contracts.Governance;

/// <summary>
/// A level (READ, USE, EDIT or MANAGE) on a resource type (<c>*</c>, workspace, experiment, registered_model,
/// deployment, dataset, pipeline, webhook) and a pattern: <c>*</c> for every resource of the type, or one id.
/// </summary>
public sealed record RolePermissionItem(string ResourceType, string Level, string ResourcePattern = "*");
