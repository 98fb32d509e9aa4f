namespace Slipway.Core.Registry.Events;

/// <summary>Event entities: MLflow's webhook entity names, plus Slipway's own.</summary>
public static class RegistryEntities
{
    public const string RegisteredModel = "REGISTERED_MODEL";
    public const string ModelVersion = "MODEL_VERSION";
    public const string ModelVersionTag = "MODEL_VERSION_TAG";
    public const string ModelVersionAlias = "MODEL_VERSION_ALIAS";
    public const string RegisteredModelTag = "REGISTERED_MODEL_TAG";
}

/// <summary>Event actions: MLflow's (<c>CREATED</c>, <c>SET</c>, <c>DELETED</c>) and Slipway's lifecycle actions.</summary>
public static class RegistryActions
{
    public const string Created = "CREATED";
    public const string Set = "SET";
    public const string Deleted = "DELETED";
    public const string Updated = "UPDATED";
    public const string Renamed = "RENAMED";
    public const string StageChanged = "STAGE_CHANGED";
    public const string Moved = "MOVED";
    public const string Archived = "ARCHIVED";
    public const string Restored = "RESTORED";
    public const string FilesDeleted = "FILES_DELETED";
    public const string IntegrityFailed = "INTEGRITY_FAILED";

    /// <summary>A verify found every file of a version clean again after an INTEGRITY_FAILED; ends that failure's de-duplication.</summary>
    public const string IntegrityRestored = "INTEGRITY_RESTORED";
    public const string HoldAdded = "HOLD_ADDED";
    public const string HoldRemoved = "HOLD_REMOVED";
    public const string CardUpdated = "CARD_UPDATED";
}
