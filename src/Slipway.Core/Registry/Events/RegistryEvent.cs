namespace Slipway.Core.Registry.Events;

/// <summary>
/// One change in the registry: the version history, the native event feed and the source of webhook deliveries.
/// Written in the same transaction as the change it records.
/// </summary>
public sealed class RegistryEvent
{
    public long Id { get; set; }

    public long WorkspaceId { get; set; }

    /// <summary>The model's id; kept after the model is deleted so that history stays readable.</summary>
    public long RegisteredModelId { get; set; }

    public required string ModelName { get; set; }

    /// <summary>The version the event is about; null for model-level events.</summary>
    public int? Version { get; set; }

    /// <summary>MLflow's entity names where they exist (<c>REGISTERED_MODEL</c>, <c>MODEL_VERSION</c>, <c>MODEL_VERSION_TAG</c>, <c>MODEL_VERSION_ALIAS</c>).</summary>
    public required string Entity { get; set; }

    /// <summary>e.g. <c>CREATED</c>, <c>DELETED</c>, <c>STAGE_CHANGED</c>, <c>ARCHIVED</c>, <c>INTEGRITY_FAILED</c>.</summary>
    public required string Action { get; set; }

    /// <summary>Who caused it: a principal name, or <c>system:retention</c> for scheduled work.</summary>
    public required string Actor { get; set; }

    public long Timestamp { get; set; }

    /// <summary>The event's data as JSON: for MLflow events the webhook payload's <c>data</c>; otherwise what changed (before and after).</summary>
    public required string Data { get; set; }
}
